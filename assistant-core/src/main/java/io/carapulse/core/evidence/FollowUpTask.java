package io.carapulse.core.evidence;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.jdbc.AutodetectJdbcCustomization;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code evidence-follow-up} task of the server's db-scheduler: one task row per pending follow-up,
 * written in the transaction that stored the evidence, claimed by one replica at a time, revived on
 * another when its replica dies. Each run makes one attempt ({@link FollowUpRunner}) and reschedules
 * itself for the time the stored backoff says, or removes itself once the follow-up has ended. Should
 * the attempt itself fail (the database away), it is tried again with the same capped backoff.
 */
@Singleton
public class FollowUpTask {

    static final String NAME = "evidence-follow-up";
    private static final Logger LOG = LoggerFactory.getLogger(FollowUpTask.class);

    private final CustomTask<String> task;
    private final SchedulerClient transactionalClient;

    public FollowUpTask(DataSource dataSource, FollowUpRunner runner, FollowUpSettings settings) {
        this.task = Tasks.custom(NAME, String.class)
                .onFailure((complete, ops) -> {
                    int failures = complete.getExecution().consecutiveFailures + 1;
                    Instant retry = Instant.now().plus(settings.delayAfter(failures));
                    LOG.warn("evidence follow-up {} could not be attempted ({}); trying again at {}",
                            complete.getExecution().taskInstance.getId(),
                            complete.getCause().map(Throwable::toString).orElse("?"), retry);
                    ops.reschedule(complete, retry);
                })
                .execute((instance, context) -> next(runner.attempt(instance.getData())));
        DataSource raw = DelegatingDataSource.unwrapDataSource(dataSource);
        // the contextual DataSource joins the caller's transaction: the task row commits with the evidence
        this.transactionalClient = SchedulerClient.Builder.create(dataSource, task)
                .jdbcCustomization(new AutodetectJdbcCustomization(raw, true))
                .build();
    }

    private static CompletionHandler<String> next(Optional<Instant> at) {
        if (at.isPresent()) {
            Instant when = at.get();
            return (complete, ops) -> ops.reschedule(complete, when);
        }
        return (complete, ops) -> ops.remove();
    }

    /** The task, for the scheduler to run. */
    public Task<String> task() {
        return task;
    }

    /** Schedules the first attempt of {@code followUpId}; must run inside the transaction that stored it. */
    void schedule(String followUpId, Instant at) {
        transactionalClient.scheduleIfNotExists(task.instance(followUpId, followUpId), at);
    }
}
