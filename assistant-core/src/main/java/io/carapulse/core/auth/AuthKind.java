package io.carapulse.core.auth;

/** How a caller proved who they are. */
public enum AuthKind {
    /** An API token created by an admin (or the local bootstrap token). */
    API_TOKEN,
    /**
     * An API token created as an agent ({@code "agent": true}): a principal that acts without a person;
     * identity {@code token:<id>} like any token.
     */
    AGENT,
    /** A bearer JWT from the configured OIDC issuer. */
    OIDC,
    /**
     * A person an approval channel (Linear) names by email, with the roles
     * {@code carapulse.approvals.identities} gives that email; identity {@code email:<address>}.
     */
    APPROVAL_CHANNEL,
    /** Carapulse itself (scheduler, recovery). */
    SYSTEM
}
