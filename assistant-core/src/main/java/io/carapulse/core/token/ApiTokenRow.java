package io.carapulse.core.token;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * One row of {@code api_token}. Only the sha256 of the token is stored; the token itself exists in
 * the creator's hands (and, for the local admin token, in {@code ${carapulse.home}/token}).
 *
 * @param roles comma-separated wire names, e.g. {@code admin} or {@code operator,viewer}
 * @param agent whether the token was created as an agent: a principal that acts without a person (V19)
 */
@MappedEntity("api_token")
public record ApiTokenRow(
        @Id String id,
        String name,
        String tokenHash,
        String roles,
        String createdBy,
        Instant createdAt,
        @Nullable Instant lastUsedAt,
        @Nullable Instant revokedAt,
        boolean agent) {
}
