package io.carapulse.core.execution;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.redact.Redactor;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.core.approval.ApprovalEntity;
import io.carapulse.core.approval.ApprovalRepository;
import io.carapulse.core.approval.ApprovalStatus;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.common.Ids;
import io.carapulse.core.common.Json;
import io.carapulse.core.events.EventLog;
import io.carapulse.core.plan.Fingerprint;
import io.carapulse.core.observability.LogContext;
import io.carapulse.core.plan.PlanEntity;
import io.carapulse.core.plan.PlanRepository;
import io.carapulse.core.plan.PlanStepEntity;
import io.carapulse.core.plan.PlanStepRepository;
import io.carapulse.core.tool.ToolRegistry;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an execution claimed from the scheduler: its steps in order, a rollback of completed act
 * steps in reverse when a verify step fails, and the recovery rules of S10 when it resumes after a
 * replica died: a read found RUNNING runs again; a write found RUNNING becomes {@code UNKNOWN} and
 * the execution is HELD for a person. A completed write never runs twice.
 */
@Singleton
public class ExecutionRunner {

    /** The replica is stopping mid-run; the task is rescheduled and recovery decides what happened. */
    static final class Interrupted extends RuntimeException {
        Interrupted() {
            super("interrupted", null, false, false);
        }
    }

    /**
     * The replica is draining: the run stopped between two steps, nothing is in flight, and the task is
     * due again at once for another replica to go on with (a graceful hand-over, not a failure).
     */
    static final class Yielded extends RuntimeException {
        Yielded() {
            super("handed over", null, false, false);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionRunner.class);

    private final ExecutionRepository executions;
    private final StepRunRepository stepRuns;
    private final PlanRepository plans;
    private final PlanStepRepository planSteps;
    private final ApprovalRepository approvals;
    private final ToolRegistry tools;
    private final StepRunner stepRunner;
    private final ExecutionLifecycle lifecycle;
    private final EventLog events;
    private final ExecutionEnds ends;
    private final TransactionOperations<Connection> tx;
    private final io.carapulse.core.revert.Reverts reverts;
    private final Drain drain;

    private final io.carapulse.core.plan.PlanAgents planAgents;

    public ExecutionRunner(ExecutionRepository executions, StepRunRepository stepRuns, PlanRepository plans,
                           PlanStepRepository planSteps, ApprovalRepository approvals, ToolRegistry tools,
                           StepRunner stepRunner, ExecutionLifecycle lifecycle, EventLog events, ExecutionEnds ends,
                           TransactionOperations<Connection> tx, io.carapulse.core.revert.Reverts reverts,
                           Drain drain, io.carapulse.core.plan.PlanAgents planAgents) {
        this.planAgents = planAgents;
        this.executions = executions;
        this.stepRuns = stepRuns;
        this.plans = plans;
        this.planSteps = planSteps;
        this.approvals = approvals;
        this.tools = tools;
        this.stepRunner = stepRunner;
        this.lifecycle = lifecycle;
        this.events = events;
        this.ends = ends;
        this.tx = tx;
        this.reverts = reverts;
        this.drain = drain;
    }

    /**
     * Runs (or resumes) the execution until it ends or is held, or until this replica drains: then it
     * stops before the next step with {@link Yielded}, and another replica resumes it from there.
     */
    public void run(String executionId) {
        ExecutionEntity e = executions.findById(executionId).orElse(null);
        if (e == null || e.status().terminal() || e.status() == ExecutionStatus.HELD) {
            return;
        }
        try (LogContext ignored = LogContext.execution(e.id(), e.correlationId())) {
            run(e);
        }
    }

    private void run(ExecutionEntity e) {
        yieldIfDraining(e);
        PlanEntity plan = plans.findById(e.planId()).orElseThrow();
        RunState state = state(e, plan);
        List<PlanStepEntity> steps = planSteps.findByPlanIdOrderByPosition(plan.id());
        if (e.status() == ExecutionStatus.QUEUED) {
            e = move(state, e, ExecutionStatus.RUNNING, null, null);
        }
        String gateProblem = gate(plan, steps, e);
        if (gateProblem != null) {
            finishRemaining(state, e, ExecutionStatus.FAILED, "fingerprint_mismatch", gateProblem);
            return;
        }
        if (e.status() == ExecutionStatus.ROLLING_BACK) {
            rollback(state, e);
            return;
        }
        Map<Integer, PlanStepEntity> byPosition = steps.stream()
                .collect(Collectors.toMap(PlanStepEntity::position, Function.identity()));
        for (StepRunEntity run : stepRuns.findByExecutionIdOrderBySeq(e.id())) {
            if (run.kind() == StepKind.ROLLBACK || run.status() == StepRunStatus.SUCCEEDED
                    || run.status() == StepRunStatus.SKIPPED) {
                continue;
            }
            if (run.status() == StepRunStatus.RUNNING && run.actionClass().writes()) {
                hold(state, e, run);
                return;
            }
            if (run.status() != StepRunStatus.PENDING && run.status() != StepRunStatus.RUNNING) {
                finishRemaining(state, e, ExecutionStatus.FAILED, run.errorCode(), run.errorDetail());
                return;
            }
            if (cancelRequested(e.id())) {
                finishRemaining(state, e, ExecutionStatus.CANCELLED, "cancelled", "cancelled by request");
                return;
            }
            yieldIfDraining(e);
            PlanStepEntity step = byPosition.get(run.position());
            StepRunEntity done = stepRunner.run(state, run, step.toValidated().assertion(), step.timeoutSeconds(),
                    run.kind() == StepKind.ACT ? step.preview().orElse(null) : null);
            switch (done.status()) {
                case SUCCEEDED -> { }
                case CANCELLED -> {
                    finishRemaining(state, e, ExecutionStatus.CANCELLED, "cancelled", "cancelled by request");
                    return;
                }
                default -> {
                    if (done.kind() == StepKind.VERIFY) {
                        rollback(state, move(state, current(e), ExecutionStatus.ROLLING_BACK, done.errorCode(),
                                "verify step " + done.position() + " failed: " + done.errorDetail()));
                    } else {
                        finishRemaining(state, e, ExecutionStatus.FAILED, done.errorCode(),
                                "step " + done.position() + " (" + done.tool() + "." + done.action() + ") "
                                        + done.status() + ": " + done.errorDetail());
                    }
                    return;
                }
            }
        }
        // the success and its time-boxed steps' reverts commit together
        move(state, current(e), ExecutionStatus.SUCCEEDED, null, null,
                succeeded -> reverts.scheduleFor(succeeded, plan, steps, succeeded.endedAt()));
    }

    /**
     * Stops retrying an execution the runner failed on repeatedly (a bug, a tool that vanished): a
     * write that may have started becomes UNKNOWN and the execution HELD; otherwise it FAILS. Never
     * leaves it stuck (S10).
     */
    public void abandon(String executionId, String why) {
        ExecutionEntity e = executions.findById(executionId).orElse(null);
        if (e == null || e.status().terminal() || e.status() == ExecutionStatus.HELD) {
            return;
        }
        try (LogContext ignored = LogContext.execution(e.id(), e.correlationId())) {
            abandon(e, why);
        }
    }

    private void abandon(ExecutionEntity e, String why) {
        String executionId = e.id();
        RunState state = state(e, plans.findById(e.planId()).orElseThrow());
        String detail = "the runner failed repeatedly: " + state.redactor.redact(why);
        List<StepRunEntity> running = stepRuns.findByExecutionIdOrderBySeq(executionId).stream()
                .filter(r -> r.status() == StepRunStatus.RUNNING).toList();
        StepRunEntity write = running.stream().filter(r -> r.actionClass().writes()).findFirst().orElse(null);
        tx.executeWrite(s -> {
            running.stream().filter(r -> r != write).forEach(r ->
                    stepRuns.update(r.finished(StepRunStatus.FAILED, null, "runner_error", detail)));
            return null;
        });
        if (write != null) {
            hold(state, e, write);
        } else {
            finishRemaining(state, e, ExecutionStatus.FAILED, "runner_error", detail);
        }
    }

    /**
     * Undoes completed act steps in reverse with the inverse each stored before it acted. Stops at the
     * first rollback that does not succeed: what is left is for a person, with evidence for each try.
     */
    private void rollback(RunState state, ExecutionEntity e) {
        List<StepRunEntity> runs = stepRuns.findByExecutionIdOrderBySeq(e.id());
        Map<String, StepRunEntity> rollbacks = runs.stream().filter(r -> r.kind() == StepKind.ROLLBACK)
                .collect(Collectors.toMap(StepRunEntity::rollbackOf, Function.identity()));
        List<StepRunEntity> acts = runs.stream()
                .filter(r -> r.kind() == StepKind.ACT && r.status() == StepRunStatus.SUCCEEDED && r.actionClass().writes())
                .sorted((a, b) -> Integer.compare(b.seq(), a.seq()))
                .toList();
        int nextSeq = runs.stream().mapToInt(StepRunEntity::seq).max().orElse(0) + 1;
        for (StepRunEntity act : acts) {
            StepRunEntity rb = rollbacks.get(act.id());
            if (rb != null && rb.status() == StepRunStatus.SUCCEEDED) {
                continue;
            }
            if (rb != null && rb.status() == StepRunStatus.RUNNING) {
                hold(state, e, rb);
                return;
            }
            if (rb != null && rb.status() != StepRunStatus.PENDING) {
                move(state, current(e), ExecutionStatus.FAILED, "rollback_failed",
                        "rolling back step " + act.position() + " did not succeed");
                return;
            }
            if (act.inverseJson() == null) {
                move(state, current(e), ExecutionStatus.FAILED, "rollback_impossible",
                        "step " + act.position() + " (" + act.tool() + "." + act.action() + ") cannot be undone");
                return;
            }
            yieldIfDraining(e);
            StepRunEntity pending = rb != null ? rb : createRollbackRun(e, act, nextSeq++);
            StepRunEntity done = stepRunner.run(state, pending, null, null, null);
            if (done.status() != StepRunStatus.SUCCEEDED) {
                move(state, current(e), ExecutionStatus.FAILED, "rollback_failed",
                        "rolling back step " + act.position() + " " + done.status() + ": " + done.errorDetail());
                return;
            }
        }
        move(state, current(e), ExecutionStatus.ROLLED_BACK, e.errorCode(), e.errorDetail());
    }

    private StepRunEntity createRollbackRun(ExecutionEntity e, StepRunEntity act, int seq) {
        ToolCall inverse = Json.read(act.inverseJson(), ToolCall.class);
        var actionClass = tools.require(inverse.tool(), inverse.action()).descriptor().actionClass();
        return tx.executeWrite(s -> stepRuns.save(new StepRunEntity(Ids.stepRun(), e.id(), seq, act.position(),
                StepKind.ROLLBACK, inverse.tool(), inverse.action(), actionClass, Json.canonical(inverse.args()),
                StepRunStatus.PENDING, 0, null, act.id(), null, null, null, null)));
    }

    /** S10: a write in flight when its replica died is UNKNOWN; the execution waits for a person. */
    private void hold(RunState state, ExecutionEntity e, StepRunEntity run) {
        ExecutionEntity held = tx.executeWrite(s -> {
            StepRunEntity unknown = stepRuns.update(run.finished(StepRunStatus.UNKNOWN, null, "outcome_unknown",
                    "the replica running this write stopped before it reported; check the target and resolve"));
            ObjectNode data = Json.object();
            data.put("stepRunId", unknown.id());
            data.put("position", unknown.position());
            data.put("status", StepRunStatus.UNKNOWN.name());
            state.event("step.finished", data);
            ExecutionEntity moved = lifecycle.move(current(e), ExecutionStatus.HELD, Actor.SYSTEM, "outcome_unknown",
                    "step " + run.position() + " (" + run.tool() + "." + run.action() + ") outcome unknown");
            state.event("execution.held", data);
            return moved;
        });
        ends.settled(held);
        LOG.warn("execution {} held: step {} ({}.{}) was running when its replica stopped", e.id(), run.position(),
                run.tool(), run.action());
    }

    private void finishRemaining(RunState state, ExecutionEntity e, ExecutionStatus to, String code, String detail) {
        tx.executeWrite(s -> {
            for (StepRunEntity r : stepRuns.findByExecutionIdOrderBySeq(e.id())) {
                if (r.status() == StepRunStatus.PENDING) {
                    stepRuns.update(r.finished(StepRunStatus.SKIPPED, null, null, null));
                }
            }
            return null;
        });
        move(state, current(e), to, code, detail);
    }

    private ExecutionEntity move(RunState state, ExecutionEntity e, ExecutionStatus to, String code, String detail) {
        return move(state, e, to, code, detail, moved -> { });
    }

    /** Moves the execution and, in the same transaction, does {@code alsoInTransaction} with it as moved. */
    private ExecutionEntity move(RunState state, ExecutionEntity e, ExecutionStatus to, String code, String detail,
                                 java.util.function.Consumer<ExecutionEntity> alsoInTransaction) {
        ExecutionEntity moved = tx.executeWrite(s -> {
            ExecutionEntity entity = lifecycle.move(e, to, Actor.SYSTEM, code, detail);
            alsoInTransaction.accept(entity);
            ObjectNode data = Json.object();
            data.put("status", to.name());
            data.put("errorCode", entity.errorCode());
            data.put("errorDetail", entity.errorDetail());
            state.event(to.terminal() ? EventLog.EXECUTION_FINISHED : "execution." + to.name().toLowerCase(), data);
            return entity;
        });
        if (to.terminal()) {
            ends.settled(moved);
        }
        return moved;
    }

    /**
     * The run's state; its calls are told the plan's requester, the agent it acts as (a runbook) and whoever approved
     * it (S3's two people).
     */
    private RunState state(ExecutionEntity e, PlanEntity plan) {
        Optional<String> approver = e.approvalId() == null ? Optional.empty()
                : approvals.findById(e.approvalId()).map(ApprovalEntity::decidedBy);
        return RunState.of(e, plan.requester(), planAgents.of(plan.id()), approver, Redactor.patterns(), events);
    }

    /** The approval gate once more at run time (S2): the consumed approval still matches the stored steps. */
    private String gate(PlanEntity plan, List<PlanStepEntity> steps, ExecutionEntity e) {
        if (!plan.requiresApproval()) {
            return null;
        }
        ApprovalEntity a = e.approvalId() == null ? null : approvals.findById(e.approvalId()).orElse(null);
        String recomputed = Fingerprint.of(plan.environment(), steps.stream().map(PlanStepEntity::toValidated).toList());
        if (a == null || a.status() != ApprovalStatus.CONSUMED || !e.id().equals(a.consumedByExecution())) {
            return "no approval was consumed by this execution";
        }
        if (!a.fingerprint().equals(recomputed)) {
            return "the stored steps no longer match the approved fingerprint";
        }
        return null;
    }

    private void yieldIfDraining(ExecutionEntity e) {
        if (drain.draining()) {
            LOG.info("execution {} handed over to another replica: this one is stopping", e.id());
            throw new Yielded();
        }
    }

    private boolean cancelRequested(String id) {
        return executions.findById(id).map(ExecutionEntity::cancelRequested).orElse(false);
    }

    private ExecutionEntity current(ExecutionEntity e) {
        return executions.findById(e.id()).orElseThrow();
    }
}
