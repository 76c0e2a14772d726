package io.carapulse.core.audit;

import java.time.Instant;

/**
 * Filters for {@code GET /v1/audit}; {@code null} means any. {@code beforeSeq} keeps records older
 * than that one, so a client can page through the whole chain without offsets shifting under it.
 */
public record AuditFilter(String actor, String action, Decision decision, String subjectId, Instant from, Instant to,
                          Long beforeSeq) {

    public AuditFilter(String actor, String action, Decision decision, String subjectId, Instant from, Instant to) {
        this(actor, action, decision, subjectId, from, to, null);
    }

    public static AuditFilter any() {
        return new AuditFilter(null, null, null, null, null, null, null);
    }
}
