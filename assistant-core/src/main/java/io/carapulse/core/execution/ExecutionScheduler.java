package io.carapulse.core.execution;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.jdbc.AutodetectJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.carapulse.core.approval.ApprovalService;
import io.carapulse.core.approval.ApprovalTasks;
import io.carapulse.core.audit.AuditCheckpointTask;
import io.carapulse.core.audit.AuditVerifyJobTask;
import io.carapulse.core.evidence.FollowUpTask;
import io.carapulse.core.retention.RetentionTask;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable, cluster-safe execution through db-scheduler (design §9): an execution is a one-time task
 * row written in the same transaction as the execution itself; whichever replica claims it runs it;
 * a replica that dies stops heartbeating and another replica revives the task, where the runner's
 * recovery rules (S10) apply. Approval expiry, audit checkpoints and retention are recurring tasks claimed the same way;
 * evidence follow-ups are one-time tasks that reschedule themselves ({@link FollowUpTask}), time-boxed
 * changes' reverts one-time tasks due at their expiry ({@link io.carapulse.core.revert.RevertTask}), full audit
 * verifications one-time tasks that continue from their stored progress ({@link AuditVerifyJobTask}).
 *
 * <p>A replica that is told to stop (SIGTERM) drains before it goes ({@link #drain()}): it claims
 * nothing more, and each execution running here stops after its current step and is due again at
 * once for another replica. The server stops when none runs here or when the grace period ends
 * ({@link io.carapulse.core.startup.ShutdownSignals}); only a step still running then is interrupted,
 * and recovery treats it as after a crash (S10).
 */
@Singleton
public class ExecutionScheduler implements ApplicationEventListener<StartupEvent> {

    static final String RUN_TASK = "execution-run";
    /** After this many failed runs in a row the execution is ended (or held) instead of retried. */
    static final int MAX_FAILURES = 5;
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionScheduler.class);

    private final CustomTask<String> runTask;
    private final Scheduler scheduler;
    private final SchedulerClient transactionalClient;
    private final com.github.kagkarlsson.scheduler.task.helper.CustomTask<String> scheduleTask;
    private final Drain drain;
    /** Execution runs on this replica's threads now. */
    private final AtomicInteger running = new AtomicInteger();
    /** Completes once this replica drains and no execution runs here. */
    private final CompletableFuture<Void> drained = new CompletableFuture<>();

    public ExecutionScheduler(DataSource dataSource, ExecutorProperties props, BeanProvider<ExecutionRunner> runner,
                              BeanProvider<ApprovalService> approvals, ApprovalTasks approvalTasks,
                              AuditCheckpointTask auditCheckpoints, FollowUpTask followUps,
                              AuditVerifyJobTask auditVerifyJobs, RetentionTask retention,
                              io.carapulse.core.schedule.ScheduleTask schedules,
                              io.carapulse.core.revert.RevertTask reverts, Drain drain) {
        this.scheduleTask = schedules.task();
        this.drain = drain;
        this.runTask = Tasks.custom(RUN_TASK, String.class)
                .onFailure((complete, ops) -> {
                    int failures = complete.getExecution().consecutiveFailures + 1;
                    String executionId = String.valueOf(complete.getExecution().taskInstance.getData());
                    boolean stopping = complete.getCause().filter(ExecutionRunner.Interrupted.class::isInstance)
                            .isPresent();
                    if (!stopping && failures >= MAX_FAILURES) {
                        try {
                            runner.get().abandon(executionId, complete.getCause().map(Throwable::toString).orElse("?"));
                            ops.stop();
                            return;
                        } catch (RuntimeException e) {
                            LOG.warn("execution {} could not be abandoned yet: {}", executionId, e.toString());
                        }
                    }
                    Duration backoff = Duration.ofSeconds(Math.min(60, 1L << Math.min(failures, 6)));
                    LOG.warn("execution {} will be resumed in {}s", complete.getExecution().taskInstance.getData(),
                            backoff.toSeconds());
                    ops.reschedule(complete, Instant.now().plus(backoff));
                })
                .execute((instance, context) -> {
                    running.incrementAndGet();
                    try {
                        runner.get().run(instance.getData());
                        return (CompletionHandler<String>) (complete, ops) -> ops.remove();
                    } catch (ExecutionRunner.Yielded handedOver) {
                        // due now, for a replica that is not draining; this one claims nothing more
                        return (CompletionHandler<String>) (complete, ops) -> ops.reschedule(complete, Instant.now());
                    } catch (ExecutionRunner.Interrupted stopping) {
                        // the failure handler still records the reschedule; an interrupted thread's file
                        // write would close the embedded database's file instead (H2)
                        Thread.interrupted();
                        throw stopping;
                    } finally {
                        if (running.decrementAndGet() == 0 && drain.draining()) {
                            drained.complete(null);
                        }
                    }
                });
        RecurringTask<Void> expiry = Tasks.recurring("approval-expiry", FixedDelay.of(Duration.ofSeconds(30)))
                .execute((instance, context) -> {
                    int expired = approvals.get().expireAllDue();
                    if (expired > 0) {
                        LOG.info("expired {} approval request(s)", expired);
                    }
                });
        DataSource raw = DelegatingDataSource.unwrapDataSource(dataSource);
        JdbcCustomization dialect = new AutodetectJdbcCustomization(raw, true); // timestamps stored in UTC
        java.util.List<RecurringTask<Void>> recurring = new java.util.ArrayList<>(approvalTasks.recurring());
        recurring.add(expiry);
        recurring.add(auditCheckpoints.recurring());
        recurring.add(retention.recurring());
        this.scheduler = Scheduler.create(raw, runTask, followUps.task(), auditVerifyJobs.task(), scheduleTask,
                        reverts.task())
                .jdbcCustomization(dialect)
                .startTasks(recurring)
                .threads(props.threads())
                .pollingInterval(props.pollInterval())
                .heartbeatInterval(props.heartbeatInterval())
                .missedHeartbeatsLimit(props.missedHeartbeatsLimit())
                // the grace period was the steps' time to finish (drain, ShutdownSignals); what still runs
                // when the context stops is interrupted after this
                .shutdownMaxWait(Duration.ofSeconds(2))
                .build();
        // the contextual DataSource joins the caller's transaction: the task row commits with the execution
        this.transactionalClient = SchedulerClient.Builder.create(dataSource, runTask, scheduleTask)
                .jdbcCustomization(dialect)
                .build();
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        scheduler.start();
    }

    /**
     * Stops claiming work and lets each execution running here finish its current step and hand the
     * rest over; completes when none runs here. Readiness reports DOWN from now on ({@link Drain}).
     */
    public CompletableFuture<Void> drain() {
        if (drain.begin()) {
            scheduler.pause();
            LOG.info("draining: no new work is claimed here; {} execution(s) running here hand over after their"
                    + " current step", running.get());
            if (running.get() == 0) {
                drained.complete(null);
            }
        }
        return drained;
    }

    /** Executions running on this replica now. */
    public int runningHere() {
        return running.get();
    }

    /** What the readiness check says of this replica's scheduler: null when it runs and claims work. */
    public String notRunning() {
        var state = scheduler.getSchedulerState();
        if (drain.draining()) {
            return "draining (stopping)";
        }
        if (state.isShuttingDown()) {
            return "the scheduler is stopping";
        }
        if (!state.isStarted()) {
            return "the scheduler has not started";
        }
        return state.isPaused() ? "the scheduler is paused" : null;
    }

    /** Queues a run of the execution; must be called inside the transaction that created or resumed it. */
    void enqueue(String executionId, String reason) {
        transactionalClient.scheduleIfNotExists(runTask.instance(executionId + "/" + reason, executionId), Instant.now());
    }

    /**
     * Makes a runbook schedule's task due at {@code at} (creating it, or moving it when it exists);
     * must be called inside the transaction that created or resumed the schedule.
     */
    public void scheduleRunbook(String scheduleId, Instant at) {
        var id = com.github.kagkarlsson.scheduler.task.TaskInstanceId.of(scheduleTask.getName(), scheduleId);
        if (!transactionalClient.scheduleIfNotExists(scheduleTask.instance(scheduleId, scheduleId), at)) {
            transactionalClient.reschedule(id, at, scheduleId);
        }
    }

    /** Removes a runbook schedule's task (paused or deleted); a tick being handled now finds the schedule off. */
    public void unscheduleRunbook(String scheduleId) {
        var id = com.github.kagkarlsson.scheduler.task.TaskInstanceId.of(scheduleTask.getName(), scheduleId);
        if (transactionalClient.getScheduledExecution(id).filter(x -> !x.isPicked()).isPresent()) {
            transactionalClient.cancel(id);
        }
    }

    /** Whether a run of the execution is queued or running somewhere. */
    boolean hasWork(String executionId) {
        return transactionalClient.getScheduledExecutionsForTask(RUN_TASK, String.class).stream()
                .anyMatch(x -> executionId.equals(x.getData()));
    }

    /** Asks this replica to look for due work now instead of at the next poll. */
    public void nudge() {
        scheduler.triggerCheckForDueExecutions();
    }

    @PreDestroy
    void stop() {
        scheduler.stop();
    }
}
