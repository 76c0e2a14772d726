package io.carapulse.core.approval;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The approval channels' recurring work, claimed cluster-safely by the server's db-scheduler like
 * executions: making the outbox's calls ({@code approval-channels}) and polling decision channels
 * ({@code approval-poll}). One replica runs each at a time.
 */
@Singleton
public class ApprovalTasks {

    private static final Logger LOG = LoggerFactory.getLogger(ApprovalTasks.class);

    private final RecurringTask<Void> dispatch;
    private final RecurringTask<Void> poll;

    public ApprovalTasks(ApprovalsConfiguration config, BeanProvider<ChannelDispatcher> dispatcher,
                         BeanProvider<DecisionPoller> poller) {
        this.dispatch = Tasks.recurring("approval-channels", FixedDelay.of(config.dispatchInterval()))
                .execute((instance, context) -> {
                    int done = dispatcher.get().runDue();
                    if (done > 0) {
                        LOG.debug("made {} approval channel call(s)", done);
                    }
                });
        this.poll = Tasks.recurring("approval-poll", FixedDelay.of(config.pollInterval()))
                .execute((instance, context) -> {
                    try {
                        poller.get().pollAll();
                    } catch (RuntimeException e) {
                        LOG.warn("polling approval channels failed, next try in {}: {}", config.pollInterval(),
                                e.getMessage());
                    }
                });
    }

    /** The tasks to start with the scheduler. */
    public List<RecurringTask<Void>> recurring() {
        return List.of(dispatch, poll);
    }
}
