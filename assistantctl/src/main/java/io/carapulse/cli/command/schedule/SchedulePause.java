package io.carapulse.cli.command.schedule;

import io.carapulse.cli.Cli;
import picocli.CommandLine.Command;

/** {@code schedule pause ID}. */
@Command(name = "pause", description = "Pause a schedule: no tick fires until it is resumed. Its creator or an admin.")
final class SchedulePause extends ScheduleSwitch {

    SchedulePause(Cli cli) {
        super(cli, "pause");
    }
}
