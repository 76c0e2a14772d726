package io.carapulse.core.plan;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import java.time.Instant;

/** The {@code plan} row. */
@MappedEntity("plan")
public record PlanEntity(
        @Id String id,
        String environment,
        String summary,
        String requester,
        PlanStatus status,
        String fingerprint,
        boolean requiresApproval,
        boolean breakGlass,
        Instant createdAt,
        Instant updatedAt,
        @Version Long version) {

    public PlanEntity withStatus(PlanStatus newStatus, Instant at) {
        return new PlanEntity(id, environment, summary, requester, newStatus, fingerprint, requiresApproval,
                breakGlass, createdAt, at, version);
    }

    public PlanEntity withSteps(String newFingerprint, boolean newRequiresApproval, boolean newBreakGlass, Instant at) {
        return new PlanEntity(id, environment, summary, requester, status, newFingerprint, newRequiresApproval,
                newBreakGlass, createdAt, at, version);
    }
}
