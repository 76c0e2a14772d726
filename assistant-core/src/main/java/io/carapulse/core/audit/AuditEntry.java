package io.carapulse.core.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.common.Json;
import java.util.Objects;

/**
 * What to audit: who did what to which subject, allowed or denied, and why. Build one through the
 * named factories in {@link AuditEntries}, so action names stay consistent.
 *
 * @param actor       who
 * @param action      dotted verb, e.g. {@code plan.create}, {@code approval.decide}
 * @param subjectType e.g. {@code plan}, {@code execution}, {@code token}
 * @param subjectId   the subject's id, if it has one yet
 * @param decision    ALLOW or DENY
 * @param reason      for a denial the problem code, otherwise a short note
 * @param details     extra facts (never a secret)
 */
public record AuditEntry(
        Actor actor,
        String action,
        String subjectType,
        String subjectId,
        Decision decision,
        String reason,
        ObjectNode details) {

    public AuditEntry {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(subjectType, "subjectType");
        Objects.requireNonNull(decision, "decision");
        details = details == null ? Json.object() : details.deepCopy();
    }

    public static AuditEntry allow(Actor actor, String action, String subjectType, String subjectId) {
        return new AuditEntry(actor, action, subjectType, subjectId, Decision.ALLOW, null, null);
    }

    public static AuditEntry deny(Actor actor, String action, String subjectType, String subjectId, String reason) {
        return new AuditEntry(actor, action, subjectType, subjectId, Decision.DENY, reason, null);
    }

    public AuditEntry withReason(String newReason) {
        return new AuditEntry(actor, action, subjectType, subjectId, decision, newReason, details);
    }

    public AuditEntry with(String key, Object value) {
        ObjectNode copy = details.deepCopy();
        copy.set(key, Json.toTree(value));
        return new AuditEntry(actor, action, subjectType, subjectId, decision, reason, copy);
    }
}
