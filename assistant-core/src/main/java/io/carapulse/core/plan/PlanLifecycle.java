package io.carapulse.core.plan;

import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.core.audit.AuditEntry;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.common.Times;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The one method that moves a plan between states (design §4): checks the move is allowed, saves it
 * with optimistic locking, and writes the audit row in the same transaction.
 */
@Singleton
public class PlanLifecycle {

    private final PlanRepository plans;
    private final AuditService audit;
    private final Clock clock;

    public PlanLifecycle(PlanRepository plans, AuditService audit, Clock clock) {
        this.plans = plans;
        this.audit = audit;
        this.clock = clock;
    }

    /** Moves {@code plan} to {@code to}; must run inside a transaction. */
    public PlanEntity move(PlanEntity plan, PlanStatus to, Actor actor, String reason) {
        if (!plan.status().canMoveTo(to)) {
            throw new ProblemException(ProblemCode.INVALID_STATE,
                    "plan " + plan.id() + " is " + plan.status() + " and cannot become " + to);
        }
        PlanEntity saved = plans.update(plan.withStatus(to, Times.now(clock)));
        audit.record(AuditEntry.allow(actor, "plan." + to.name().toLowerCase(java.util.Locale.ROOT), "plan", plan.id())
                .withReason(reason)
                .with("from", plan.status().name())
                .with("to", to.name()));
        return saved;
    }
}
