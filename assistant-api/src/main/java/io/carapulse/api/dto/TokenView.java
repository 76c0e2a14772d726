package io.carapulse.api.dto;

import java.time.Instant;
import java.util.List;

/**
 * An API token without its secret.
 *
 * @param agent whether it was created as an agent (a principal that acts without a person)
 */
public record TokenView(
        String id,
        String name,
        List<String> roles,
        String createdBy,
        Instant createdAt,
        Instant lastUsedAt,
        Instant revokedAt,
        boolean agent) {

    /** A token that is not an agent. */
    public TokenView(String id, String name, List<String> roles, String createdBy, Instant createdAt,
                     Instant lastUsedAt, Instant revokedAt) {
        this(id, name, roles, createdBy, createdAt, lastUsedAt, revokedAt, false);
    }
}
