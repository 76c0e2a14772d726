package io.carapulse.core.auth;

/** How a caller proved who they are. */
public enum AuthKind {
    /** An API token created by an admin (or the local bootstrap token). */
    API_TOKEN,
    /** A bearer JWT from the configured OIDC issuer. */
    OIDC,
    /** Carapulse itself (scheduler, recovery). */
    SYSTEM
}
