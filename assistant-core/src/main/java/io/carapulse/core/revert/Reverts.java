package io.carapulse.core.revert;

import io.carapulse.api.dto.RevertChangeRequest;
import io.carapulse.api.dto.RevertView;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.config.Environment;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.core.audit.AuditEntry;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.common.Durations;
import io.carapulse.core.common.Ids;
import io.carapulse.core.common.Json;
import io.carapulse.core.common.Times;
import io.carapulse.core.execution.ExecutionEntity;
import io.carapulse.core.execution.ExecutionScheduler;
import io.carapulse.core.execution.ExecutionService;
import io.carapulse.core.execution.StepKind;
import io.carapulse.core.execution.StepRunEntity;
import io.carapulse.core.execution.StepRunRepository;
import io.carapulse.core.execution.StepRunStatus;
import io.carapulse.core.plan.Fingerprint;
import io.carapulse.core.plan.PlanEntity;
import io.carapulse.core.plan.PlanRepository;
import io.carapulse.core.plan.PlanStatus;
import io.carapulse.core.plan.PlanStepEntity;
import io.carapulse.core.plan.PlanStepRepository;
import io.carapulse.core.plan.Stage;
import io.carapulse.core.plan.ValidatedStep;
import io.carapulse.core.policy.PolicyService;
import io.carapulse.core.tool.ToolRegistry;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Time-boxed changes (S2, S10). A reversible write step may carry {@code revertAfter}, approved and
 * fingerprinted with the plan. When the execution succeeds, {@link #scheduleFor} stores one revert per
 * such step (with the inverse captured before the step ran) and a db-scheduler task due then, in the
 * transaction that records the success. At the due time {@link #fire} starts the inverse as a system plan
 * and execution of its own, under the approval of the change (no new approval: the revert was approved
 * with it), with its own evidence, events and audit, on whichever replica claims the task, once. A person
 * may run a revert now (execute role), extend it (a new approval: an approver other than the requester
 * where the environment says so, within {@code guard-rails.revert-after-max}) or cancel it (approver
 * role, with a reason); each is audited.
 */
@Singleton
public class Reverts {

    private static final Logger LOG = LoggerFactory.getLogger(Reverts.class);

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final AuditService audit;
    private final PolicyService policy;
    private final EnvironmentCatalog environments;
    private final PlanRepository plans;
    private final PlanStepRepository planSteps;
    private final ExecutionService executions;
    private final StepRunRepository stepRuns;
    private final ToolRegistry tools;
    private final ExecutionScheduler scheduler;
    private final RevertTask task;

    public Reverts(JdbcOperations jdbc, TransactionOperations<Connection> tx, Clock clock, AuditService audit,
                   PolicyService policy, EnvironmentCatalog environments, PlanRepository plans,
                   PlanStepRepository planSteps, ExecutionService executions, StepRunRepository stepRuns,
                   ToolRegistry tools, ExecutionScheduler scheduler, RevertTask task) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
        this.policy = policy;
        this.environments = environments;
        this.plans = plans;
        this.planSteps = planSteps;
        this.executions = executions;
        this.stepRuns = stepRuns;
        this.tools = tools;
        this.scheduler = scheduler;
        this.task = task;
    }

    /**
     * Schedules the reverts of a succeeded execution's time-boxed steps; inside the transaction that records
     * the success, so a success is never stored without its reverts.
     */
    public void scheduleFor(ExecutionEntity e, PlanEntity plan, List<PlanStepEntity> steps, Instant now) {
        Map<Integer, Long> timeBoxed = new java.util.HashMap<>();
        for (PlanStepEntity s : steps) {
            if (s.revertAfterSeconds() != null) {
                timeBoxed.put(s.position(), s.revertAfterSeconds());
            }
        }
        if (timeBoxed.isEmpty()) {
            return;
        }
        for (StepRunEntity run : stepRuns.findByExecutionIdOrderBySeq(e.id())) {
            Long seconds = timeBoxed.get(run.position());
            if (seconds == null || run.kind() != StepKind.ACT || run.status() != StepRunStatus.SUCCEEDED) {
                continue;
            }
            if (run.inverseJson() == null) {
                LOG.warn("execution {} step {} carries revertAfter but recorded no inverse; nothing to revert", e.id(),
                        run.position());
                audit.record(AuditEntry.deny(Actor.SYSTEM, "revert.schedule", "execution", e.id(),
                        "step " + run.position() + " recorded no inverse").with("position", run.position()));
                continue;
            }
            ToolCall inverse = Json.read(run.inverseJson(), ToolCall.class);
            String id = Ids.revert();
            Instant due = now.plusSeconds(seconds);
            jdbc.prepareStatement("INSERT INTO step_revert (id, execution_id, step_run_id, plan_id, environment, position,"
                    + " tool, action, inverse_json, approval_id, requester, status, due_at, created_at, updated_at,"
                    + " updated_by, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,'SCHEDULED',?,?,?,?,0)", ps -> {
                        ps.setString(1, id);
                        ps.setString(2, e.id());
                        ps.setString(3, run.id());
                        ps.setString(4, e.planId());
                        ps.setString(5, e.environment());
                        ps.setInt(6, run.position());
                        ps.setString(7, inverse.tool());
                        ps.setString(8, inverse.action());
                        ps.setString(9, run.inverseJson());
                        ps.setString(10, e.approvalId());
                        ps.setString(11, plan.requester());
                        ps.setTimestamp(12, Timestamp.from(due));
                        ps.setTimestamp(13, Timestamp.from(now));
                        ps.setTimestamp(14, Timestamp.from(now));
                        ps.setString(15, Actor.SYSTEM.id());
                        return ps.executeUpdate();
                    });
            task.schedule(id, due);
            audit.record(AuditEntry.allow(Actor.SYSTEM, "revert.schedule", "revert", id).with("executionId", e.id())
                    .with("planId", e.planId()).with("position", run.position())
                    .with("inverse", inverse.tool() + "." + inverse.action()).with("dueAt", due.toString()));
        }
    }

    /**
     * Starts the revert if it is due and still scheduled: claims it and creates its system plan and
     * execution in one transaction. Returns when to look again if it is not due yet (an extension moved it).
     */
    public Optional<Instant> fire(String id) {
        Instant now = Times.now(clock);
        Optional<Instant> later = tx.executeWrite(s -> {
            Row r = find(id).orElse(null);
            if (r == null || !r.status.equals(RevertStatus.SCHEDULED.name())) {
                return Optional.<Instant>empty();
            }
            if (r.dueAt.isAfter(now)) {
                return Optional.of(r.dueAt);
            }
            start(r, now);
            return Optional.<Instant>empty();
        });
        if (later.isEmpty()) {
            scheduler.nudge();
        }
        return later;
    }

    private void start(Row r, Instant now) {
        ToolCall inverse = Json.read(r.inverseJson, ToolCall.class);
        ActionDescriptor d = tools.require(inverse.tool(), inverse.action()).descriptor();
        String planId = Ids.plan();
        // the claim first: a replica that loses it creates nothing
        int claimed = jdbc.prepareStatement("UPDATE step_revert SET status = 'STARTED', revert_plan_id = ?,"
                + " updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ? AND status = 'SCHEDULED'"
                + " AND version = ?", ps -> {
                    ps.setString(1, planId);
                    ps.setTimestamp(2, Timestamp.from(now));
                    ps.setString(3, Actor.SYSTEM.id());
                    ps.setString(4, r.id);
                    ps.setLong(5, r.version);
                    return ps.executeUpdate();
                });
        if (claimed == 0) {
            return;
        }
        ValidatedStep step = new ValidatedStep(0, Stage.ACT, inverse.tool(), inverse.action(), d.actionClass(),
                inverse.args(), null, null);
        String summary = "Revert of step " + r.position + " of plan " + r.planId + " (execution " + r.executionId
                + "), due " + r.dueAt + ": " + inverse.tool() + "." + inverse.action();
        PlanEntity plan = plans.save(new PlanEntity(planId, r.environment, summary, r.requester, PlanStatus.EXECUTING,
                Fingerprint.of(r.environment, List.of(step)), false, d.actionClass() == ActionClass.BREAK_GLASS, now,
                now, null));
        PlanStepEntity saved = planSteps.save(new PlanStepEntity(null, planId, 0, Stage.ACT.wire(), inverse.tool(),
                inverse.action(), d.actionClass(), Json.canonical(inverse.args()), null, null, null, null));
        // the change's approval covers its revert; requested by the system
        ExecutionEntity e = executions.queue(plan, List.of(saved), r.approvalId, Actor.SYSTEM.id(), now);
        jdbc.prepareStatement("UPDATE step_revert SET revert_execution_id = ? WHERE id = ?", ps -> {
            ps.setString(1, e.id());
            ps.setString(2, r.id);
            return ps.executeUpdate();
        });
        audit.record(AuditEntry.allow(Actor.SYSTEM, "revert.start", "revert", r.id).with("planId", planId)
                .with("executionId", e.id()).with("revertOf", r.executionId).with("position", r.position)
                .with("approvalId", r.approvalId).with("dueAt", r.dueAt.toString()));
    }

    public List<RevertView> list(Actor actor, String status) {
        policy.requireReader(actor, "revert.list", "revert", null);
        if (status != null && java.util.Arrays.stream(RevertStatus.values()).noneMatch(v -> v.name().equals(status))) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED,
                    "status must be one of SCHEDULED, STARTED, CANCELLED, not '" + status + "'");
        }
        return tx.executeRead(s -> query(status == null ? "ORDER BY r.due_at DESC"
                : "WHERE r.status = ? ORDER BY r.due_at", status)).stream().map(Row::view).toList();
    }

    public RevertView get(Actor actor, String id) {
        policy.requireReader(actor, "revert.read", "revert", id);
        return tx.executeRead(s -> require(id)).view();
    }

    /** Runs a scheduled revert now (the roles that may execute plans in its environment). */
    public RevertView runNow(Actor actor, String id, RevertChangeRequest request) {
        Row current = tx.executeRead(s -> require(id));
        Environment env = environment(current);
        policy.requireExecute(actor, env, false, current.planId);
        String note = note(request, false);
        Instant now = Times.now(clock);
        RevertView done = tx.executeWrite(s -> {
            change(actor, id, current, now, note, "revert.run_now", "run now");
            task.schedule(id, now);
            return require(id).view();
        });
        scheduler.nudge();
        return done;
    }

    /**
     * Moves a scheduled revert later: a new approval of the change standing longer, so an approver decides
     * it (not the change's requester unless the environment lets requesters approve their own plans), and
     * the new time is at most {@code guard-rails.revert-after-max} from now.
     */
    public RevertView extend(Actor actor, String id, RevertChangeRequest request) {
        Row current = tx.executeRead(s -> require(id));
        Environment env = environment(current);
        String note = note(request, false);
        policy.requireApprove(actor, env, current.requester, false, note, true, current.planId);
        if (request == null || request.revertAfter() == null) {
            throw invalid("revertAfter", "required: how long from now until the change is reverted, e.g. 2h");
        }
        Duration after = Durations.parse(request.revertAfter()).orElseThrow(() -> invalid("revertAfter",
                "must be a whole number of minutes, hours or days such as 90m, 2h or 1d"));
        Duration max = env.guardRails().revertAfterMax();
        if (after.compareTo(max) > 0) {
            throw invalid("revertAfter", request.revertAfter() + " is longer than environment '" + env.name()
                    + "' allows (" + Durations.format(max) + ", guard-rails.revert-after-max)");
        }
        Instant now = Times.now(clock);
        Instant due = now.plus(after);
        if (!due.isAfter(current.dueAt)) {
            throw invalid("revertAfter", "the revert is already due at " + current.dueAt + "; an extension moves it"
                    + " later (to run it sooner, run it now)");
        }
        return tx.executeWrite(s -> {
            change(actor, id, current, due, note, "revert.extend", "extended");
            task.schedule(id, due);
            return require(id).view();
        });
    }

    /** Cancels a scheduled revert: the change then stays. Approver role and a reason. */
    public RevertView cancel(Actor actor, String id, RevertChangeRequest request) {
        Row current = tx.executeRead(s -> require(id));
        Environment env = environment(current);
        policy.requireApproverRole(actor, env, current.planId);
        String note = note(request, true);
        Instant now = Times.now(clock);
        return tx.executeWrite(s -> {
            int changed = jdbc.prepareStatement("UPDATE step_revert SET status = 'CANCELLED', note = ?, updated_at = ?,"
                    + " updated_by = ?, version = version + 1 WHERE id = ? AND status = 'SCHEDULED'", ps -> {
                        ps.setString(1, note);
                        ps.setTimestamp(2, Timestamp.from(now));
                        ps.setString(3, actor.id());
                        ps.setString(4, id);
                        return ps.executeUpdate();
                    });
            if (changed == 0) {
                throw notScheduled(actor, "revert.cancel", id);
            }
            task.cancel(id);
            audit.record(AuditEntry.allow(actor, "revert.cancel", "revert", id).withReason(note)
                    .with("executionId", current.executionId).with("dueAt", current.dueAt.toString()));
            return require(id).view();
        });
    }

    private void change(Actor actor, String id, Row current, Instant due, String note, String action, String what) {
        int changed = jdbc.prepareStatement("UPDATE step_revert SET due_at = ?, note = ?, updated_at = ?, updated_by = ?,"
                + " version = version + 1 WHERE id = ? AND status = 'SCHEDULED'", ps -> {
                    ps.setTimestamp(1, Timestamp.from(due));
                    ps.setString(2, note);
                    ps.setTimestamp(3, Timestamp.from(Times.now(clock)));
                    ps.setString(4, actor.id());
                    ps.setString(5, id);
                    return ps.executeUpdate();
                });
        if (changed == 0) {
            throw notScheduled(actor, action, id);
        }
        audit.record(AuditEntry.allow(actor, action, "revert", id).withReason(note).with("executionId", current.executionId)
                .with("from", current.dueAt.toString()).with("to", due.toString()));
        LOG.info("revert {} {} by {}: due {}", id, what, actor.id(), due);
    }

    private ProblemException notScheduled(Actor actor, String action, String id) {
        Row now = require(id);
        return policy.deny(actor, action, "revert", id, ProblemCode.INVALID_STATE,
                "revert " + id + " is " + now.status + ", not SCHEDULED");
    }

    private Environment environment(Row r) {
        return environments.find(r.environment).orElseThrow(() -> new ProblemException(ProblemCode.INVALID_STATE,
                "environment '" + r.environment + "' of revert " + r.id + " is no longer configured"));
    }

    private static String note(RevertChangeRequest request, boolean required) {
        String note = request == null ? null : request.note();
        if (note != null && note.length() > 2000) {
            throw invalid("note", "at most 2000 characters");
        }
        if (required && (note == null || note.isBlank())) {
            throw invalid("note", "required: why the change should stay");
        }
        return note == null || note.isBlank() ? null : note.strip();
    }

    private static ProblemException invalid(String path, String message) {
        return new ProblemException(ProblemCode.VALIDATION_FAILED, path + ": " + message,
                Map.of("errors", List.of(Map.of("path", path, "message", message))));
    }

    private Row require(String id) {
        return find(id).orElseThrow(() -> new ProblemException(ProblemCode.NOT_FOUND, "no revert " + id));
    }

    private Optional<Row> find(String id) {
        return query("WHERE r.id = ?", id).stream().findFirst();
    }

    private List<Row> query(String where, String param) {
        return jdbc.prepareStatement("SELECT r.*, e.status AS revert_status FROM step_revert r LEFT JOIN execution e"
                + " ON e.id = r.revert_execution_id " + where, ps -> {
                    if (param != null) {
                        ps.setString(1, param);
                    }
                    return rows(ps);
                });
    }

    private static List<Row> rows(PreparedStatement ps) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Row(rs.getString("id"), rs.getString("status"), rs.getString("environment"),
                        rs.getString("plan_id"), rs.getString("execution_id"), rs.getInt("position"),
                        rs.getString("inverse_json"), rs.getString("approval_id"), rs.getString("requester"),
                        rs.getTimestamp("due_at").toInstant(), rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"), rs.getString("note"),
                        rs.getString("revert_plan_id"), rs.getString("revert_execution_id"),
                        rs.getString("revert_status"), rs.getLong("version")));
            }
        }
        return out;
    }

    private record Row(String id, String status, String environment, String planId, String executionId, int position,
                       String inverseJson, String approvalId, String requester, Instant dueAt, Instant createdAt,
                       Instant updatedAt, String updatedBy, String note, String revertPlanId,
                       String revertExecutionId, String revertStatus, long version) {

        RevertView view() {
            ToolCall inverse = Json.read(inverseJson, ToolCall.class);
            return new RevertView(id, status, environment, planId, executionId, position, inverse.tool(),
                    inverse.action(), inverse.args(), approvalId, requester, dueAt, createdAt, updatedAt, updatedBy,
                    note, revertPlanId, revertExecutionId, revertStatus);
        }
    }
}
