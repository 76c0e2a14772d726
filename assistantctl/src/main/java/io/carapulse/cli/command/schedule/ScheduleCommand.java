package io.carapulse.cli.command.schedule;

import io.carapulse.cli.CommandGroup;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code assistantctl schedule …}. */
@Command(name = "schedule", aliases = "schedules", description = "Run runbooks on a cron in a time zone: create, "
        + "list and show schedules (with their recent fires), pause, resume and delete them.")
public final class ScheduleCommand implements CommandGroup {

    @Override
    public List<Class<?>> commands() {
        return List.of(ScheduleCreate.class, ScheduleList.class, ScheduleShow.class, SchedulePause.class,
                ScheduleResume.class, ScheduleDelete.class);
    }
}
