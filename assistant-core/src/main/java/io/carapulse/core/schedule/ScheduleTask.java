package io.carapulse.core.schedule;

import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The db-scheduler task of runbook schedules: one task instance per schedule, named by its id, due at
 * its next tick. Whichever replica claims it handles the tick ({@link ScheduleService#fire}) and
 * reschedules the instance to the next tick. The instance's data is the schedule id, or
 * {@code <id>@<epoch millis>} while a tick waits for the previous run to finish (overlap
 * {@code queue}) or is retried after a failure, so the tick it belongs to is never lost.
 */
@Singleton
public class ScheduleTask {

    public static final String NAME = "runbook-schedule";
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleTask.class);

    private final CustomTask<String> task;

    public ScheduleTask(BeanProvider<ScheduleService> service) {
        this.task = Tasks.custom(NAME, String.class)
                .onFailure((complete, ops) -> {
                    String data = String.valueOf(complete.getExecution().taskInstance.getData());
                    Instant tick = tick(data, complete.getExecution().executionTime);
                    LOG.warn("schedule {}: handling the tick of {} failed; trying again in 60 s", id(data), tick,
                            complete.getCause().orElse(null));
                    ops.reschedule(complete, Instant.now().plusSeconds(60), id(data) + "@" + tick.toEpochMilli());
                })
                .execute((instance, context) -> {
                    String data = instance.getData();
                    String id = id(data);
                    ScheduleService.Outcome outcome = service.get().fire(id, tick(data, context.getExecution().executionTime),
                            data.indexOf('@') >= 0);
                    return (complete, ops) -> {
                        if (outcome.next() == null) {
                            ops.remove();
                        } else if (outcome.queuedTick() != null) {
                            ops.reschedule(complete, outcome.next(), id + "@" + outcome.queuedTick().toEpochMilli());
                        } else {
                            ops.reschedule(complete, outcome.next(), id);
                        }
                    };
                });
    }

    public CustomTask<String> task() {
        return task;
    }

    private static String id(String data) {
        int at = data.indexOf('@');
        return at < 0 ? data : data.substring(0, at);
    }

    private static Instant tick(String data, Instant due) {
        int at = data.indexOf('@');
        return at < 0 ? due : Instant.ofEpochMilli(Long.parseLong(data.substring(at + 1)));
    }
}
