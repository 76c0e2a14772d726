package io.carapulse.core.schedule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.dto.ScheduleCreateRequest;
import io.carapulse.api.dto.ScheduleView;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.config.Environment;
import io.carapulse.core.audit.AuditEntry;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.AuthKind;
import io.carapulse.core.auth.StoredRoles;
import io.carapulse.core.common.Ids;
import io.carapulse.core.common.Json;
import io.carapulse.core.common.Times;
import io.carapulse.core.execution.ExecutionScheduler;
import io.carapulse.core.plan.PlanValidator;
import io.carapulse.core.policy.PolicyService;
import io.carapulse.core.runbook.RunbookCatalog;
import io.carapulse.core.runbook.RunbookDefinition;
import io.carapulse.core.runbook.RunbookRuns;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runbook schedules: created, listed, paused, resumed and deleted through the API, fired by
 * db-scheduler ({@link ScheduleTask}). Each tick is handled once across every replica: the
 * {@code schedule_fire} row of the tick is written in the same transaction as the plan it makes, and
 * its primary key refuses a second one. Every tick is audited, the skipped ones with why.
 */
@Singleton
public class ScheduleService {

    /** A tick handled later than this after its time is a misfire (the servers were down or busy). */
    static final Duration MISFIRE_GRACE = Duration.ofSeconds(60);
    /** How often a queued tick looks again whether the previous run's plan has finished. */
    static final Duration QUEUE_RECHECK = Duration.ofSeconds(5);
    private static final Set<String> OVERLAP = Set.of("skip", "queue");
    private static final Set<String> MISFIRE = Set.of("skip", "run-once");
    private static final String UNFINISHED = "'READY','AWAITING_APPROVAL','APPROVED','EXECUTING'";

    private final ScheduleRepository schedules;
    private final RunbookCatalog catalog;
    private final RunbookRuns runs;
    private final PolicyService policy;
    private final AuditService audit;
    private final ExecutionScheduler scheduler;
    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final PlanValidator validator;

    public ScheduleService(ScheduleRepository schedules, RunbookCatalog catalog, RunbookRuns runs,
                           PolicyService policy, AuditService audit,
                           ExecutionScheduler scheduler, JdbcOperations jdbc, TransactionOperations<Connection> tx,
                           Clock clock, PlanValidator validator) {
        this.validator = validator;
        this.schedules = schedules;
        this.catalog = catalog;
        this.runs = runs;
        this.policy = policy;
        this.audit = audit;
        this.scheduler = scheduler;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Creates a schedule after checking everything a tick would check: the runbook runs in the
     * environment, the parameters fit it, the cron and zone are valid, the caller may request plans there.
     */
    public ScheduleView create(Actor actor, ScheduleCreateRequest r) {
        if (r == null) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED,
                    "a JSON body with runbook, environment, params, cron and timeZone is required");
        }
        policy.requireReader(actor, "schedule.create", "schedule", null);
        Environment env = validator.environment(r.environment());
        policy.requireRequestRole(actor, env, "schedule.create", null);
        if (r.runbook() == null || r.runbook().isBlank()) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "runbook is required");
        }
        RunbookDefinition d = catalog.current(r.runbook()).definition();
        if (!d.runsIn(env.name())) {
            throw new ProblemException(ProblemCode.ENVIRONMENT_NOT_ALLOWED, "runbook " + d.name() + " may run in "
                    + String.join(", ", d.environments()) + ", not in " + env.name());
        }
        RunbookDefinition.Instance instance = d.instantiate(r.params());
        // what each tick's plan would be refused for (arguments, inventory) is refused now
        validator.validate(env.name(), instance.summary(), instance.steps());
        ObjectNode params = instance.params();
        CronSpec cron = CronSpec.parse(r.cron(), r.timeZone());
        String overlap = choice("overlap", r.overlap(), OVERLAP);
        String misfire = choice("misfire", r.misfire(), MISFIRE);
        boolean enabled = r.enabled() == null || r.enabled();
        Instant now = Times.now(clock);
        ScheduleRow row = new ScheduleRow(Ids.schedule(), d.name(), env.name(), Json.canonical(params), cron.expression(),
                cron.zone().getId(), enabled, overlap, misfire, actor.id(), actor.name(), actor.kind().name(),
                StoredRoles.format(actor.roles()), actor.email(), now, now);
        return tx.executeWrite(s -> {
            schedules.save(row);
            audit.record(AuditEntry.allow(actor, "schedule.create", "schedule", row.id())
                    .with("runbook", row.runbook()).with("environment", row.environment())
                    .with("cron", row.cron()).with("timeZone", row.timeZone()).with("enabled", enabled));
            if (enabled) {
                scheduler.scheduleRunbook(row.id(), cron.next(now));
            }
            return view(row, false);
        });
    }

    public List<ScheduleView> list(Actor actor) {
        policy.requireReader(actor, "schedule.list", "schedule", null);
        return tx.executeRead(s -> schedules.findAllOrderByCreatedAt().stream().map(r -> view(r, false)).toList());
    }

    public ScheduleView get(Actor actor, String id) {
        policy.requireReader(actor, "schedule.read", "schedule", id);
        return tx.executeRead(s -> view(require(id), true));
    }

    /** Pauses ({@code on} false) or resumes a schedule; a resumed schedule fires next at its next time from now. */
    public ScheduleView setEnabled(Actor actor, String id, boolean on) {
        String action = on ? "schedule.resume" : "schedule.pause";
        ScheduleRow current = tx.executeRead(s -> require(id));
        requireOwnerOrAdmin(actor, current, action);
        return tx.executeWrite(s -> {
            ScheduleRow row = require(id);
            if (row.enabled() == on) {
                return view(row, false);
            }
            ScheduleRow updated = schedules.update(row.withEnabled(on, Times.now(clock)));
            if (on) {
                scheduler.scheduleRunbook(id, CronSpec.parse(row.cron(), row.timeZone()).next(Times.now(clock)));
            } else {
                scheduler.unscheduleRunbook(id);
            }
            audit.record(AuditEntry.allow(actor, action, "schedule", id));
            return view(updated, false);
        });
    }

    public void delete(Actor actor, String id) {
        ScheduleRow current = tx.executeRead(s -> require(id));
        requireOwnerOrAdmin(actor, current, "schedule.delete");
        tx.executeWrite(s -> {
            scheduler.unscheduleRunbook(id);
            jdbc.prepareStatement("DELETE FROM schedule_fire WHERE schedule_id = ?", ps -> {
                ps.setString(1, id);
                return ps.executeUpdate();
            });
            schedules.deleteById(id);
            audit.record(AuditEntry.allow(actor, "schedule.delete", "schedule", id).with("runbook", current.runbook()));
            return null;
        });
    }

    /** What the task does at a tick: what happened, and when the schedule fires next (null: no more). */
    record Outcome(Instant next, Instant queuedTick) {
    }

    /**
     * Handles the tick due at {@code tick} (or, for a tick waiting on overlap {@code queue}, the
     * tick it waits for), now. Called by {@link ScheduleTask} on whichever replica claimed the task.
     */
    Outcome fire(String id, Instant due) {
        return fire(id, due, false);
    }

    /**
     * @param waited the tick already waited (overlap {@code queue}, or a retry after a failure): how
     *               late it is now is not a misfire
     */
    Outcome fire(String id, Instant due, boolean waited) {
        Instant tick = due.truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // as stored, and as the task's data keeps it
        ScheduleRow row = tx.executeRead(s -> schedules.findById(id).orElse(null));
        if (row == null || !row.enabled()) {
            return new Outcome(null, null);
        }
        CronSpec cron = CronSpec.parse(row.cron(), row.timeZone());
        Instant now = Times.now(clock);
        boolean missed = !waited && Duration.between(tick, now).compareTo(MISFIRE_GRACE) > 0;
        if (missed && row.misfire().equals("skip")) {
            record(row, tick, "skipped", "misfire: due at " + tick + ", handled at " + now + " (misfire policy skip)", null);
            return new Outcome(cron.next(now), null);
        }
        String unfinished = unfinishedPlan(row.id());
        if (unfinished != null) {
            if (row.overlap().equals("queue")) {
                return new Outcome(now.plus(QUEUE_RECHECK), tick);
            }
            record(row, tick, "skipped", "overlap: the plan of the previous run (" + unfinished
                    + ") has not finished (overlap policy skip)", null);
            return new Outcome(cron.next(missed ? now : tick), null);
        }
        Actor actor = actor(row);
        try {
            tx.executeWrite(s -> {
                if (!claim(row.id(), tick, now)) {
                    return null; // another replica handled this tick
                }
                RunbookRuns.Run run = runs.run(actor, row.runbook(), row.environment(), Json.readObject(row.paramsJson()),
                        null, RunbookRuns.Trigger.schedule(row.id()));
                update(row.id(), tick, "planned", missed ? "misfire: due at " + tick + ", ran once at " + now : null,
                        run.plan().id());
                audit.record(AuditEntry.allow(actor, "schedule.fire", "schedule", row.id())
                        .with("fireTime", tick.toString()).with("planId", run.plan().id()).with("misfire", missed));
                return null;
            });
        } catch (ProblemException e) {
            record(row, tick, "refused", e.code() + ": " + e.getMessage(), null);
        }
        // an execution the run started was queued inside the transaction: look for it now it has committed
        scheduler.nudge();
        return new Outcome(cron.next(missed || waited ? now : tick), null);
    }

    /** A tick that made no plan: its row and audit record, in one transaction (once per tick). */
    private void record(ScheduleRow row, Instant tick, String outcome, String reason, String planId) {
        tx.executeWrite(s -> {
            if (claim(row.id(), tick, Times.now(clock))) {
                update(row.id(), tick, outcome, reason, planId);
                audit.record(AuditEntry.allow(Actor.SYSTEM, "schedule." + outcome.replace("skipped", "skip")
                                .replace("refused", "refuse"), "schedule", row.id())
                        .with("fireTime", tick.toString()).with("reason", reason));
            }
            return null;
        });
    }

    private boolean claim(String id, Instant tick, Instant now) {
        return jdbc.prepareStatement("INSERT INTO schedule_fire (schedule_id, fire_time, outcome, fired_at) SELECT ?, ?, ?, ?"
                + " WHERE NOT EXISTS (SELECT 1 FROM schedule_fire WHERE schedule_id = ? AND fire_time = ?)", ps -> {
            ps.setString(1, id);
            ps.setTimestamp(2, Timestamp.from(tick));
            ps.setString(3, "firing");
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setString(5, id);
            ps.setTimestamp(6, Timestamp.from(tick));
            return ps.executeUpdate() == 1;
        });
    }

    private void update(String id, Instant tick, String outcome, String reason, String planId) {
        jdbc.prepareStatement("UPDATE schedule_fire SET outcome = ?, reason = ?, plan_id = ? WHERE schedule_id = ? AND fire_time = ?",
                ps -> {
                    ps.setString(1, outcome);
                    ps.setString(2, reason == null ? null : reason.length() > 1000 ? reason.substring(0, 1000) : reason);
                    ps.setString(3, planId);
                    ps.setString(4, id);
                    ps.setTimestamp(5, Timestamp.from(tick));
                    return ps.executeUpdate();
                });
    }

    /** The plan of this schedule's most recent run, if it has not finished. */
    private String unfinishedPlan(String id) {
        return tx.executeRead(s -> jdbc.prepareStatement("SELECT f.plan_id FROM schedule_fire f JOIN plan p ON p.id = f.plan_id"
                + " WHERE f.schedule_id = ? AND p.status IN (" + UNFINISHED + ") ORDER BY f.fire_time DESC LIMIT 1", ps -> {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }));
    }

    private List<ScheduleView.Fire> fires(String id) {
        return jdbc.prepareStatement("SELECT fire_time, outcome, reason, plan_id, fired_at FROM schedule_fire"
                + " WHERE schedule_id = ? ORDER BY fire_time DESC LIMIT 20", ps -> {
            ps.setString(1, id);
            List<ScheduleView.Fire> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ScheduleView.Fire(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getTimestamp(5).toInstant()));
                }
            }
            return out;
        });
    }

    private ScheduleView view(ScheduleRow r, boolean withFires) {
        Instant next = r.enabled() ? CronSpec.parse(r.cron(), r.timeZone()).next(Times.now(clock)) : null;
        return new ScheduleView(r.id(), r.runbook(), r.environment(), Json.readObject(r.paramsJson()), r.cron(),
                r.timeZone(), r.enabled(), r.overlap(), r.misfire(), next, r.actorId(), r.createdAt(),
                withFires ? fires(r.id()) : null);
    }

    private ScheduleRow require(String id) {
        return schedules.findById(id).orElseThrow(() -> new ProblemException(ProblemCode.NOT_FOUND, "no schedule " + id));
    }

    private void requireOwnerOrAdmin(Actor actor, ScheduleRow row, String action) {
        if (!actor.id().equals(row.actorId()) && !actor.roles().contains(io.carapulse.api.auth.Role.ADMIN)) {
            policy.deny(actor, action, "schedule", row.id(), ProblemCode.FORBIDDEN,
                    "only who created schedule " + row.id() + " or an admin may change it");
        }
    }

    /** Whoever created the schedule, with the roles they had then: the requester of its plans. */
    static Actor actor(ScheduleRow row) {
        return new Actor(row.actorId(), row.actorName(), AuthKind.valueOf(row.actorKind()), StoredRoles.parse(row.roles()),
                row.email());
    }

    private static String choice(String field, String value, Set<String> allowed) {
        if (value == null) {
            return "skip";
        }
        if (!allowed.contains(value)) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, field + ": must be one of "
                    + String.join(", ", allowed.stream().sorted().toList()) + ", not '" + value + "'");
        }
        return value.toLowerCase(Locale.ROOT);
    }
}
