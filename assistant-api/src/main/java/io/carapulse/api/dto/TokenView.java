package io.carapulse.api.dto;

import java.time.Instant;
import java.util.List;

/** An API token without its secret. */
public record TokenView(
        String id,
        String name,
        List<String> roles,
        String createdBy,
        Instant createdAt,
        Instant lastUsedAt,
        Instant revokedAt) {
}
