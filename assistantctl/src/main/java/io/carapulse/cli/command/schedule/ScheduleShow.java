package io.carapulse.cli.command.schedule;

import io.carapulse.api.dto.ScheduleView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code schedule show ID}. */
@Command(name = "show", aliases = "get", description = "Show a schedule and its recent fires, newest first: each "
        + "tick's time, whether it made a plan (which), or was skipped or refused (why).")
final class ScheduleShow extends CliCommand {

    @Parameters(paramLabel = "ID", description = "The schedule id (sch_…), from assistantctl schedule list.")
    String id;

    @Mixin
    OutputOption output;

    ScheduleShow(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        ScheduleView s = api().get(Schedules.path(id), ScheduleView.class);
        if (!Printer.structured(out(), output.format(), s)) {
            ScheduleRender.detail(out(), s);
        }
        return ExitCode.OK;
    }
}
