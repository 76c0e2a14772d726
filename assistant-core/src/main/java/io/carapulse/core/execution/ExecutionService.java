package io.carapulse.core.execution;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.dto.HoldResolutionRequest;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.config.Environment;
import io.carapulse.core.approval.ApprovalEntity;
import io.carapulse.core.approval.ApprovalRepository;
import io.carapulse.core.approval.ApprovalService;
import io.carapulse.core.approval.ApprovalStatus;
import io.carapulse.core.audit.AuditEntry;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.common.Ids;
import io.carapulse.core.common.Times;
import io.carapulse.core.plan.Fingerprint;
import io.carapulse.core.plan.PlanEntity;
import io.carapulse.core.plan.PlanLifecycle;
import io.carapulse.core.plan.PlanService;
import io.carapulse.core.plan.PlanStatus;
import io.carapulse.core.plan.PlanStepEntity;
import io.carapulse.core.plan.PlanValidator;
import io.carapulse.core.policy.PolicyService;
import io.micronaut.data.exceptions.DataAccessException;
import io.carapulse.core.common.Json;
import io.carapulse.core.events.EventLog;
import io.carapulse.core.guard.GuardRailChecks;
import io.carapulse.core.observability.Correlation;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starting, cancelling and resolving executions. {@link #start} is the approval gate (S2): a plan
 * that writes starts only with an APPROVED, unexpired, unconsumed approval whose fingerprint equals
 * the fingerprint recomputed from the stored steps; the approval is consumed, the execution and its
 * scheduler task are created, in one transaction. Two concurrent starts make one execution. A plan
 * that writes also passes its environment's guard rails ({@link GuardRailChecks}): a window, no
 * freeze, fewer write executions under way than the limit.
 */
@Singleton
public class ExecutionService {

    /** How often {@link #awaitSettled} reads the state when no end on this replica woke it. */
    static final long AWAIT_POLL_MILLIS = 250;

    private final PlanService plans;
    private final PlanValidator validator;
    private final PlanLifecycle planLifecycle;
    private final ApprovalService approvalService;
    private final ApprovalRepository approvals;
    private final ExecutionRepository executions;
    private final StepRunRepository stepRuns;
    private final ExecutionLifecycle lifecycle;
    private final ExecutionScheduler scheduler;
    private final InFlight inFlight;
    private final ExecutionEnds ends;
    private final EventLog events;
    private final PolicyService policy;
    private final AuditService audit;
    private final GuardRailChecks guardRails;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;

    public ExecutionService(PlanService plans, PlanValidator validator, PlanLifecycle planLifecycle,
                            ApprovalService approvalService, ApprovalRepository approvals,
                            ExecutionRepository executions, StepRunRepository stepRuns, ExecutionLifecycle lifecycle,
                            ExecutionScheduler scheduler, InFlight inFlight, ExecutionEnds ends, EventLog events,
                            PolicyService policy, AuditService audit, GuardRailChecks guardRails,
                            TransactionOperations<Connection> tx, Clock clock) {
        this.plans = plans;
        this.validator = validator;
        this.planLifecycle = planLifecycle;
        this.approvalService = approvalService;
        this.approvals = approvals;
        this.executions = executions;
        this.stepRuns = stepRuns;
        this.lifecycle = lifecycle;
        this.scheduler = scheduler;
        this.inFlight = inFlight;
        this.ends = ends;
        this.events = events;
        this.policy = policy;
        this.audit = audit;
        this.guardRails = guardRails;
        this.tx = tx;
        this.clock = clock;
    }

    /** Passes the approval gate and queues the plan's execution; returns it. */
    public ExecutionEntity start(Actor actor, String planId) {
        PlanEntity plan = requireExpiringApproval(planId);
        Environment env = validator.environment(plan.environment());
        policy.requireExecute(actor, env, plan.breakGlass(), planId);
        List<PlanStepEntity> steps = plans.steps(planId);
        policy.requireCapabilities(actor, plans.agent(planId).orElse(null), env,
                steps.stream().map(s -> s.tool() + "." + s.action()).toList(),
                "plan.execute", planId);
        checkStartable(actor, plan);
        ApprovalEntity approval = plan.requiresApproval() ? requireApproval(actor, plan, steps) : null;
        guardRails.requireStartAllowedAt(actor, env, plan, Times.now(clock));
        ExecutionEntity created;
        try {
            created = tx.executeWrite(s -> {
                Instant now = Times.now(clock);
                ExecutionEntity e = queue(plan, steps, approval == null ? null : approval.id(), actor.id(), now);
                String id = e.id();
                if (approval != null) {
                    approvals.update(approval.consumed(id, now));
                    guardRails.checkRunningWrites(env, plan, id);
                    audit.record(AuditEntry.allow(actor, "approval.consume", "plan", planId)
                            .with("approvalId", approval.id()).with("executionId", id)
                            .with("fingerprint", approval.fingerprint()));
                }
                planLifecycle.move(plans.require(planId), PlanStatus.EXECUTING, actor, "execution " + id);
                audit.record(AuditEntry.allow(actor, "execution.start", "execution", id).with("planId", planId)
                        .with("fingerprint", plan.fingerprint()));
                return e;
            });
        } catch (DataAccessException e) {
            if (!isConflict(e)) {
                throw e;
            }
            throw policy.deny(actor, "plan.execute", "plan", planId, ProblemCode.EXECUTION_IN_PROGRESS,
                    "plan " + planId + " is already being executed");
        } catch (ProblemException e) {
            if (e.problem() != ProblemCode.TOO_MANY_RUNNING_WRITES) {
                throw e;
            }
            throw guardRails.deny(actor, planId, e); // audited now that the start has rolled back
        }
        scheduler.nudge();
        return created;
    }

    /**
     * Saves a QUEUED execution of {@code steps}, a pending run of each, and the scheduler task that runs it;
     * inside the caller's transaction, which has passed (or, for a revert, inherited) the approval gate.
     * The execution keeps the correlation id of the request that queues it, or a new one (schedules, reverts).
     *
     * @param approvalId the approval the execution runs under, or {@code null} for a plan that only reads
     */
    public ExecutionEntity queue(PlanEntity plan, List<PlanStepEntity> steps, String approvalId, String requestedBy,
                                 Instant now) {
        ExecutionEntity e = executions.save(new ExecutionEntity(Ids.execution(), plan.id(), plan.environment(), approvalId,
                ExecutionStatus.QUEUED, requestedBy, false, now, null, null, null, null, Correlation.currentOrNew(), null));
        for (PlanStepEntity step : steps) {
            stepRuns.save(new StepRunEntity(Ids.stepRun(), e.id(), step.position(), step.position(),
                    step.stage().equals("verify") ? StepKind.VERIFY : StepKind.ACT, step.tool(), step.action(),
                    step.actionClass(), step.argsJson(), StepRunStatus.PENDING, 0, null, null, null, null, null, null));
        }
        scheduler.enqueue(e.id(), "start");
        return e;
    }

    /** The plan, after expiring its approval if that ran out, so a refusal says so; a read-only plan has none. */
    private PlanEntity requireExpiringApproval(String planId) {
        PlanEntity plan = plans.require(planId);
        if (!plan.requiresApproval()) {
            return plan;
        }
        approvalService.expireDue(planId);
        return plans.require(planId);
    }

    private void checkStartable(Actor actor, PlanEntity plan) {
        String id = plan.id();
        switch (plan.status()) {
            case READY, APPROVED -> { }
            case AWAITING_APPROVAL -> throw policy.deny(actor, "plan.execute", "plan", id, ProblemCode.APPROVAL_REQUIRED,
                    "plan " + id + " writes and has not been approved");
            case REJECTED -> throw policy.deny(actor, "plan.execute", "plan", id, ProblemCode.APPROVAL_REJECTED,
                    "plan " + id + " was rejected");
            case EXPIRED -> throw policy.deny(actor, "plan.execute", "plan", id, ProblemCode.APPROVAL_EXPIRED,
                    "the approval of plan " + id + " expired; edit or resubmit the plan to request a new one");
            case EXECUTING -> throw policy.deny(actor, "plan.execute", "plan", id, ProblemCode.EXECUTION_IN_PROGRESS,
                    "plan " + id + " is already executing");
            default -> throw policy.deny(actor, "plan.execute", "plan", id, ProblemCode.INVALID_STATE,
                    "plan " + id + " is " + plan.status() + "; a plan runs once — create a new plan to run it again");
        }
    }

    private ApprovalEntity requireApproval(Actor actor, PlanEntity plan, List<PlanStepEntity> steps) {
        String id = plan.id();
        ApprovalEntity a = approvals.findFirstByPlanIdOrderByRequestedAtDesc(id).orElse(null);
        if (a == null || a.status() == ApprovalStatus.PENDING || a.status() == ApprovalStatus.VOIDED) {
            throw policy.deny(actor, "plan.execute", "plan", id, ProblemCode.APPROVAL_REQUIRED,
                    "plan " + id + " writes and has no approval for its current steps");
        }
        if (a.status() == ApprovalStatus.REJECTED) {
            throw policy.deny(actor, "plan.execute", "plan", id, ProblemCode.APPROVAL_REJECTED, "plan " + id + " was rejected");
        }
        if (a.status() == ApprovalStatus.EXPIRED || a.expiredAt(Times.now(clock))) {
            throw policy.deny(actor, "plan.execute", "plan", id, ProblemCode.APPROVAL_EXPIRED,
                    "the approval of plan " + id + " expired at " + a.expiresAt());
        }
        if (a.status() == ApprovalStatus.CONSUMED) {
            throw policy.deny(actor, "plan.execute", "plan", id, ProblemCode.EXECUTION_IN_PROGRESS,
                    "the approval of plan " + id + " was already used by execution " + a.consumedByExecution());
        }
        String recomputed = Fingerprint.of(plan.environment(), steps.stream().map(PlanStepEntity::toValidated).toList());
        if (!a.fingerprint().equals(plan.fingerprint()) || !a.fingerprint().equals(recomputed)) {
            throw policy.deny(actor, "plan.execute", "plan", id, ProblemCode.FINGERPRINT_MISMATCH,
                    "the approval was given for fingerprint " + a.fingerprint() + " but the plan's steps hash to "
                            + recomputed);
        }
        return a;
    }

    /** Requests cancellation: the next step will not start and the in-flight call is cancelled. */
    public ExecutionEntity cancel(Actor actor, String executionId) {
        ExecutionEntity e = require(executionId);
        Environment env = validator.environment(e.environment());
        if (!actor.id().equals(e.requestedBy())) {
            policy.requireExecute(actor, env, false, e.planId());
        }
        if (e.status().terminal()) {
            throw policy.deny(actor, "execution.cancel", "execution", executionId, ProblemCode.INVALID_STATE,
                    "execution " + executionId + " already ended " + e.status());
        }
        ExecutionEntity saved = tx.executeWrite(s -> {
            ExecutionEntity current = require(executionId);
            ExecutionEntity flagged = executions.update(current.withCancelRequested());
            audit.record(AuditEntry.allow(actor, "execution.cancel", "execution", executionId));
            if (flagged.status() == ExecutionStatus.HELD) {
                return lifecycle.move(flagged, ExecutionStatus.CANCELLED, actor, "cancelled", "cancelled while held");
            }
            return flagged;
        });
        inFlight.cancel(executionId);
        if (saved.status().terminal()) {
            ends.settled(saved);
        }
        return saved;
    }

    /**
     * A person's finding about a write whose outcome was unknown (S10): {@code succeeded} resumes the
     * execution after it, {@code failed} ends the execution as failed.
     */
    public ExecutionEntity resolve(Actor actor, String executionId, HoldResolutionRequest request) {
        ExecutionEntity e = require(executionId);
        Environment env = validator.environment(e.environment());
        policy.requireExecute(actor, env, false, e.planId());
        boolean succeeded = parseOutcome(request);
        if (e.status() != ExecutionStatus.HELD) {
            throw policy.deny(actor, "execution.resolve", "execution", executionId, ProblemCode.INVALID_STATE,
                    "execution " + executionId + " is " + e.status() + ", not HELD");
        }
        ExecutionEntity result = tx.executeWrite(s -> {
            StepRunEntity unknown = stepRuns.findByExecutionIdOrderBySeq(executionId).stream()
                    .filter(r -> r.status() == StepRunStatus.UNKNOWN).findFirst()
                    .orElseThrow(() -> new ProblemException(ProblemCode.INVALID_STATE, "no step is UNKNOWN"));
            Instant now = Times.now(clock);
            stepRuns.update(unknown.finished(succeeded ? StepRunStatus.SUCCEEDED : StepRunStatus.FAILED, now,
                    "resolved_by_person", request.note()));
            audit.record(AuditEntry.allow(actor, "execution.resolve", "execution", executionId)
                    .withReason(request.note()).with("stepRunId", unknown.id())
                    .with("outcome", succeeded ? "succeeded" : "failed"));
            ExecutionEntity current = require(executionId);
            if (!succeeded) {
                for (StepRunEntity r : stepRuns.findByExecutionIdOrderBySeq(executionId)) {
                    if (r.status() == StepRunStatus.PENDING) {
                        stepRuns.update(r.finished(StepRunStatus.SKIPPED, null, null, null));
                    }
                }
                ExecutionEntity failed = lifecycle.move(current, ExecutionStatus.FAILED, actor, "resolved_failed",
                        "step " + unknown.position() + " did not take effect (resolved by a person)");
                // no runner holds a HELD execution: the terminal event is written here, so followers end
                ObjectNode data = Json.object();
                data.put("status", ExecutionStatus.FAILED.name());
                data.put("errorCode", failed.errorCode());
                data.put("errorDetail", failed.errorDetail());
                events.append(executionId, events.lastSeq(executionId) + 1, EventLog.EXECUTION_FINISHED, data);
                return failed;
            }
            ExecutionStatus to = unknown.kind() == StepKind.ROLLBACK ? ExecutionStatus.ROLLING_BACK : ExecutionStatus.RUNNING;
            ExecutionEntity resumed = lifecycle.move(current, to, actor, null, null);
            scheduler.enqueue(executionId, "resume-" + now.toEpochMilli());
            return resumed;
        });
        scheduler.nudge();
        if (result.status().terminal()) {
            ends.settled(result);
        }
        return result;
    }

    /**
     * Waits until the execution has ended or is HELD, or {@code timeout} has passed, and returns it as
     * stored then. An end committed on this replica is handed over the moment it commits; one
     * committed on another replica is seen within {@value #AWAIT_POLL_MILLIS} ms.
     */
    public ExecutionEntity awaitSettled(String executionId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            CompletableFuture<ExecutionEntity> watch = ends.watch(executionId); // before reading: no end slips in
            ExecutionEntity e = require(executionId);
            long left = deadline - System.nanoTime();
            if (e.status().terminal() || e.status() == ExecutionStatus.HELD || left <= 0) {
                ends.forget(executionId, watch);
                return e;
            }
            try {
                return watch.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(AWAIT_POLL_MILLIS)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e2) {
                // not settled here (yet): read again
            } catch (ExecutionException e2) {
                throw new IllegalStateException("watches complete normally", e2);
            }
        }
    }

    public ExecutionEntity require(String executionId) {
        return executions.findById(executionId).orElseThrow(() ->
                new ProblemException(ProblemCode.NOT_FOUND, "no execution " + executionId));
    }

    /** A lost race with a concurrent start: a stale version or the one-execution-per-plan constraint. */
    private static boolean isConflict(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof io.micronaut.data.exceptions.OptimisticLockException
                    || (c instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean parseOutcome(HoldResolutionRequest request) {
        if (request == null || request.outcome() == null) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "outcome is required: succeeded or failed");
        }
        return switch (request.outcome()) {
            case "succeeded" -> true;
            case "failed" -> false;
            default -> throw new ProblemException(ProblemCode.VALIDATION_FAILED, "outcome must be 'succeeded' or 'failed'");
        };
    }
}
