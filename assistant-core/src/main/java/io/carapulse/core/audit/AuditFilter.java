package io.carapulse.core.audit;

import java.time.Instant;

/** Filters for {@code GET /v1/audit}; {@code null} means any. */
public record AuditFilter(String actor, String action, Decision decision, String subjectId, Instant from, Instant to) {

    public static AuditFilter any() {
        return new AuditFilter(null, null, null, null, null, null);
    }
}
