package io.carapulse.core.audit;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.jdbc.AutodetectJdbcCustomization;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.micronaut.context.BeanProvider;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code audit-verify-job} task of the server's db-scheduler: one task row per full verification,
 * written in the transaction that created the job, claimed by one replica. It checks batch after
 * batch ({@link AuditVerifyJobs#step}) until the job ends. When the server stops, the task stops after
 * the batch in hand and runs again on the next start; when its replica dies, db-scheduler revives it
 * elsewhere; either way the job continues from its stored progress. A job that cannot run (the
 * database away) five times in a row ends {@code failed}.
 */
@Singleton
public class AuditVerifyJobTask {

    static final String NAME = "audit-verify-job";
    static final int MAX_FAILURES = 5;
    private static final Logger LOG = LoggerFactory.getLogger(AuditVerifyJobTask.class);

    private final OneTimeTask<String> task;
    private final SchedulerClient transactionalClient;

    public AuditVerifyJobTask(DataSource dataSource, BeanProvider<AuditVerifyJobs> jobs) {
        this.task = Tasks.oneTime(NAME, String.class)
                .onFailure((complete, ops) -> {
                    String id = String.valueOf(complete.getExecution().taskInstance.getData());
                    boolean stopping = complete.getCause().filter(Stopping.class::isInstance).isPresent();
                    int failures = complete.getExecution().consecutiveFailures + 1;
                    if (!stopping && failures >= MAX_FAILURES) {
                        LOG.warn("audit verification {} failed {} times; giving up", id, failures);
                        try {
                            jobs.get().fail(id, "the verification could not run: the database did not answer "
                                    + failures + " times in a row; start another");
                            ops.stop();
                            return;
                        } catch (RuntimeException e) {
                            LOG.warn("audit verification {} could not be ended yet: {}", id, e.toString());
                        }
                    }
                    ops.reschedule(complete, Instant.now().plus(stopping ? Duration.ZERO
                            : Duration.ofSeconds(Math.min(60, 1L << Math.min(failures, 6)))));
                })
                .execute((instance, context) -> {
                    while (jobs.get().step(instance.getData())) {
                        if (context.getSchedulerState().isShuttingDown()) {
                            throw new Stopping();
                        }
                    }
                });
        DataSource raw = DelegatingDataSource.unwrapDataSource(dataSource);
        // the contextual DataSource joins the caller's transaction: the task row commits with the job
        this.transactionalClient = SchedulerClient.Builder.create(dataSource, task)
                .jdbcCustomization(new AutodetectJdbcCustomization(raw, true))
                .build();
    }

    /** The task, for the scheduler to run. */
    public Task<String> task() {
        return task;
    }

    /** Queues job {@code id}; must run inside the transaction that created it. */
    void schedule(String id) {
        transactionalClient.scheduleIfNotExists(task.instance(id, id), Instant.now());
    }

    /** The server is stopping: the job is left for the next start, where it continues. */
    static final class Stopping extends RuntimeException {
        Stopping() {
            super("the server is stopping", null, false, false);
        }
    }
}
