package io.carapulse.cli.command.schedule;

import io.carapulse.cli.Cli;
import picocli.CommandLine.Command;

/** {@code schedule resume ID}. */
@Command(name = "resume", description = "Resume a paused schedule: it fires next at its next time from now; the "
        + "ticks it slept through are not made up. Its creator or an admin.")
final class ScheduleResume extends ScheduleSwitch {

    ScheduleResume(Cli cli) {
        super(cli, "resume");
    }
}
