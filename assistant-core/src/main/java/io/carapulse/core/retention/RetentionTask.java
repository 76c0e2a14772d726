package io.carapulse.core.retention;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recurring prune run ({@code retention-prune}), claimed cluster-safely by the server's db-scheduler:
 * every {@code carapulse.retention.interval} one replica prunes batch after batch
 * ({@link RetentionService#pruneBatch}) until nothing is left past its retention, stopping between two
 * batches when the server stops. Registered even with retention off (it then does nothing).
 */
@Singleton
public class RetentionTask {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionTask.class);

    private final RecurringTask<Void> task;

    public RetentionTask(RetentionConfiguration config, BeanProvider<RetentionService> retention) {
        this.task = Tasks.recurring("retention-prune", FixedDelay.of(config.interval()))
                .execute((instance, context) -> {
                    RetentionService.Pruned p = retention.get()
                            .pruneAll(() -> context.getSchedulerState().isShuttingDown());
                    if (p.any()) {
                        LOG.info("retention pruned {} execution event log(s) ({} events), {} step output(s), "
                                + "{} chat session(s) ({} messages)", p.eventLogs(), p.events(), p.stepOutputs(),
                                p.chatSessions(), p.chatMessages());
                    }
                });
    }

    public RecurringTask<Void> recurring() {
        return task;
    }
}
