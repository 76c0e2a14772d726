package io.carapulse.core.audit;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic checkpoint ({@code audit-checkpoint}), claimed cluster-safely by the server's
 * db-scheduler like the other recurring work: every {@code carapulse.audit.checkpoint-interval} one
 * replica signs the chain head if records were added since the last checkpoint. Registered even
 * without a signing key (it then does nothing), so a key removed from the configuration leaves no
 * task the scheduler cannot run.
 */
@Singleton
public class AuditCheckpointTask {

    private static final Logger LOG = LoggerFactory.getLogger(AuditCheckpointTask.class);

    private final RecurringTask<Void> task;

    public AuditCheckpointTask(AuditConfiguration config, BeanProvider<AuditCheckpoints> checkpoints) {
        this.task = Tasks.recurring("audit-checkpoint", FixedDelay.of(config.checkpointInterval()))
                .execute((instance, context) -> checkpoints.get().signIfChanged()
                        .ifPresent(c -> LOG.debug("signed audit checkpoint {} at record {}", c.id(), c.seq())));
    }

    public RecurringTask<Void> recurring() {
        return task;
    }
}
