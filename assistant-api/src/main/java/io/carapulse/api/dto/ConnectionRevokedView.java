package io.carapulse.api.dto;

/**
 * The answer to revoking a connection.
 *
 * @param connection        the connection, now {@code disconnected}
 * @param providerConfirmed whether the provider confirmed it revoked the grant (best effort: when it did not,
 *                          the tokens are deleted here all the same)
 */
public record ConnectionRevokedView(ConnectionView connection, boolean providerConfirmed) {
}
