package io.carapulse.cli.command.schedule;

import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code schedule delete ID}. */
@Command(name = "delete", aliases = "rm", description = "Delete a schedule and its record of fires; the plans it made "
        + "stay, with their origin. Its creator or an admin.")
final class ScheduleDelete extends CliCommand {

    @Parameters(paramLabel = "ID", description = "The schedule id (sch_…), from assistantctl schedule list.")
    String id;

    ScheduleDelete(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        api().delete(Schedules.path(id));
        out().println("schedule " + id + " deleted");
        return ExitCode.OK;
    }
}
