package io.carapulse.core.guard;

import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.config.Environment;
import io.carapulse.config.GuardRails;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.plan.PlanEntity;
import io.carapulse.core.plan.ValidatedStep;
import io.carapulse.core.policy.PolicyService;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;

/**
 * An environment's guard rails ({@link GuardRails}) applied to plans that write: how many steps that
 * write one plan may have (checked when the plan is created or edited), and when such a plan may start
 * — inside a maintenance window, outside a freeze (break-glass plans are exempt from both), with fewer
 * write executions under way than the limit. Plans that only read are never held back. Every refusal
 * is audited with its code ({@link PolicyService#deny}).
 */
@Singleton
public class GuardRailChecks {

    /** The states of an execution that is under way or may still write: it counts against the limit. */
    static final String UNDER_WAY = "'QUEUED', 'RUNNING', 'ROLLING_BACK', 'HELD'";

    private final MaintenanceWindows windows;
    private final PolicyService policy;
    private final AuditService audit;
    private final JdbcOperations jdbc;

    public GuardRailChecks(MaintenanceWindows windows, PolicyService policy, AuditService audit, JdbcOperations jdbc) {
        this.windows = windows;
        this.policy = policy;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    /** Refuses a plan (being created or edited, {@code action}) with more steps that write than the environment allows. */
    public void requireWriteStepsWithinLimit(Actor actor, Environment env, List<ValidatedStep> steps, String action,
                                             String planId) {
        var limit = env.guardRails().maxWriteStepsPerPlan();
        long writes = steps.stream().filter(s -> s.actionClass().writes()).count();
        if (limit.isPresent() && writes > limit.getAsInt()) {
            throw policy.deny(actor, action, "plan", planId, ProblemCode.TOO_MANY_WRITE_STEPS,
                    "the plan has " + writes + " steps that write; environment '" + env.name() + "' allows at most "
                            + limit.getAsInt() + " in one plan (guard-rails.max-write-steps-per-plan); split it");
        }
    }

    /**
     * Refuses to start {@code plan} at {@code now} during a change freeze or outside every maintenance
     * window. Plans that only read, and break-glass plans, are exempt.
     */
    public void requireStartAllowedAt(Actor actor, Environment env, PlanEntity plan, Instant now) {
        if (!plan.requiresApproval() || plan.breakGlass()) {
            return;
        }
        GuardRails rails = env.guardRails();
        var freeze = rails.freezeAt(now);
        if (freeze.isPresent()) {
            GuardRails.Freeze f = freeze.get();
            throw policy.deny(actor, "plan.execute", "plan", plan.id(), ProblemCode.CHANGE_FREEZE,
                    "environment '" + env.name() + "' is in a change freeze until " + f.to()
                            + (f.reason().isEmpty() ? "" : " (" + f.reason() + ")")
                            + "; plans that write start again after it, break-glass plans are exempt");
        }
        if (!windows.anyOpen(rails.maintenanceWindows(), now)) {
            String next = windows.nextOpening(rails.maintenanceWindows(), now).map(t -> "; the next opens at " + t)
                    .orElse("");
            throw policy.deny(actor, "plan.execute", "plan", plan.id(), ProblemCode.OUTSIDE_MAINTENANCE_WINDOW,
                    "environment '" + env.name() + "' starts plans that write only in its maintenance windows ("
                            + String.join("; ", rails.maintenanceWindows().stream()
                            .map(GuardRails.MaintenanceWindow::describe).toList()) + ")" + next
                            + "; break-glass plans are exempt");
        }
    }

    /**
     * Within the transaction that creates execution {@code executionId}, before its first audit row: a
     * refusal, unaudited, when {@code plan} writes and its environment already has its limit of other
     * write executions under way. It counts holding the audit chain's head, the lock every start takes
     * for its audit rows anyway, so two starts count one after the other and the second sees the first.
     * The caller rolls back and then audits the refusal ({@link #deny}).
     */
    public void checkRunningWrites(Environment env, PlanEntity plan, String executionId) {
        var limit = env.guardRails().maxRunningWrites();
        if (!plan.requiresApproval() || limit.isEmpty()) {
            return;
        }
        audit.lockHead();
        long running = runningWrites(env.name(), executionId);
        if (running >= limit.getAsInt()) {
            throw new ProblemException(ProblemCode.TOO_MANY_RUNNING_WRITES, "environment '" + env.name() + "' already has "
                    + running + " executions of plans that write queued, running, rolling back or held (guard-rails."
                    + "max-running-writes " + limit.getAsInt() + "); start this one when one of them has ended");
        }
    }

    /** Audits a refusal from {@link #checkRunningWrites} after its transaction rolled back, and throws it. */
    public ProblemException deny(Actor actor, String planId, ProblemException refusal) {
        throw policy.deny(actor, "plan.execute", "plan", planId, refusal.problem(), refusal.getMessage());
    }

    private long runningWrites(String environment, String except) {
        return jdbc.prepareStatement("SELECT COUNT(*) FROM execution e JOIN plan p ON p.id = e.plan_id"
                + " WHERE e.environment = ? AND e.id <> ? AND p.requires_approval = TRUE AND e.status IN (" + UNDER_WAY
                + ")", ps -> {
            ps.setString(1, environment);
            ps.setString(2, except);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
