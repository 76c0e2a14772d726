package io.carapulse.core.revert;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.jdbc.AutodetectJdbcCustomization;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.micronaut.context.BeanProvider;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code step-revert} task of the server's db-scheduler: one task row per scheduled revert, written in
 * the transaction that stored the revert (the execution's success), due when the revert is. Whichever
 * replica claims it starts the revert ({@link Reverts#fire}); a replica that dies while doing so leaves
 * the task to be revived on another, and a server that was down at the due time runs it when it starts.
 * Starting is idempotent (the revert row is claimed by a conditional update), so the inverse's execution
 * is created once.
 */
@Singleton
public class RevertTask {

    static final String NAME = "step-revert";
    private static final Logger LOG = LoggerFactory.getLogger(RevertTask.class);

    private final CustomTask<String> task;
    private final SchedulerClient transactionalClient;

    public RevertTask(DataSource dataSource, BeanProvider<Reverts> reverts) {
        this.task = Tasks.custom(NAME, String.class)
                .onFailure((complete, ops) -> {
                    int failures = complete.getExecution().consecutiveFailures + 1;
                    Instant retry = Instant.now().plus(Duration.ofSeconds(Math.min(300, 1L << Math.min(failures, 8))));
                    LOG.warn("revert {} could not be started ({}); trying again at {}",
                            complete.getExecution().taskInstance.getId(),
                            complete.getCause().map(Throwable::toString).orElse("?"), retry);
                    ops.reschedule(complete, retry);
                })
                .execute((instance, context) -> {
                    Optional<Instant> later = reverts.get().fire(instance.getData());
                    if (later.isPresent()) {
                        Instant at = later.get();
                        return (CompletionHandler<String>) (complete, ops) -> ops.reschedule(complete, at);
                    }
                    return (complete, ops) -> ops.remove();
                });
        DataSource raw = DelegatingDataSource.unwrapDataSource(dataSource);
        // the contextual DataSource joins the caller's transaction: the task row commits with the revert
        this.transactionalClient = SchedulerClient.Builder.create(dataSource, task)
                .jdbcCustomization(new AutodetectJdbcCustomization(raw, true))
                .build();
    }

    /** The task, for the scheduler to run. */
    public Task<String> task() {
        return task;
    }

    /** Makes the revert's task due at {@code at}; inside the transaction that stored or changed the revert. */
    void schedule(String revertId, Instant at) {
        TaskInstanceId id = TaskInstanceId.of(NAME, revertId);
        if (!transactionalClient.scheduleIfNotExists(task.instance(revertId, revertId), at)) {
            transactionalClient.reschedule(id, at, revertId);
        }
    }

    /** Removes the revert's task unless a replica is starting it now (which then finds the revert cancelled). */
    void cancel(String revertId) {
        TaskInstanceId id = TaskInstanceId.of(NAME, revertId);
        if (transactionalClient.getScheduledExecution(id).filter(x -> !x.isPicked()).isPresent()) {
            transactionalClient.cancel(id);
        }
    }
}
