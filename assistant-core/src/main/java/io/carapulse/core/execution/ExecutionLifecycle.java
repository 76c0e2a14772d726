package io.carapulse.core.execution;

import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.core.audit.AuditEntry;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.common.Times;
import io.carapulse.core.plan.PlanLifecycle;
import io.carapulse.core.plan.PlanRepository;
import io.carapulse.core.plan.PlanStatus;
import io.carapulse.core.observability.CarapulseMeters;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Locale;

/**
 * The one method that moves an execution (design §4): checks the move, saves it, audits it in the
 * same transaction, and settles the plan when the execution ends.
 */
@Singleton
public class ExecutionLifecycle {

    private final ExecutionRepository executions;
    private final PlanRepository plans;
    private final PlanLifecycle planLifecycle;
    private final AuditService audit;
    private final Clock clock;
    private final CarapulseMeters meters;

    public ExecutionLifecycle(ExecutionRepository executions, PlanRepository plans, PlanLifecycle planLifecycle,
                              AuditService audit, Clock clock, CarapulseMeters meters) {
        this.meters = meters;
        this.executions = executions;
        this.plans = plans;
        this.planLifecycle = planLifecycle;
        this.audit = audit;
        this.clock = clock;
    }

    /** Moves the execution; must run inside a transaction. */
    public ExecutionEntity move(ExecutionEntity e, ExecutionStatus to, Actor actor, String code, String detail) {
        if (!e.status().canMoveTo(to)) {
            throw new ProblemException(ProblemCode.INVALID_STATE,
                    "execution " + e.id() + " is " + e.status() + " and cannot become " + to);
        }
        ExecutionEntity saved = executions.update(e.moved(to, Times.now(clock), code, detail));
        audit.record(AuditEntry.allow(actor, "execution." + to.name().toLowerCase(Locale.ROOT), "execution", e.id())
                .withReason(code)
                .with("planId", e.planId())
                .with("from", e.status().name())
                .with("to", to.name())
                .with("detail", detail));
        if (to.terminal() || to == ExecutionStatus.HELD) {
            meters.executionEnded(to.name().toLowerCase(Locale.ROOT));
        }
        to.planOutcome().ifPresent(outcome -> plans.findById(e.planId())
                .filter(p -> p.status() == PlanStatus.EXECUTING)
                .ifPresent(p -> planLifecycle.move(p, outcome, actor, "execution " + e.id() + " " + to)));
        return saved;
    }
}
