package io.carapulse.cli.command.schedule;

import io.carapulse.api.dto.ScheduleView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** What pausing and resuming share: {@code POST /v1/schedules/{id}/pause|resume}. */
abstract class ScheduleSwitch extends CliCommand {

    @Parameters(paramLabel = "ID", description = "The schedule id (sch_…), from assistantctl schedule list.")
    String id;

    @Mixin
    OutputOption output;

    private final String verb;

    ScheduleSwitch(Cli cli, String verb) {
        super(cli);
        this.verb = verb;
    }

    @Override
    protected ExitCode run() {
        ScheduleView s = api().post(Schedules.path(id) + "/" + verb, null, ScheduleView.class);
        if (!Printer.structured(out(), output.format(), s)) {
            out().println("schedule " + s.id() + " " + (s.enabled() ? "resumed" : "paused")
                    + (s.nextFireAt() == null ? "" : "; next fire: " + Schedules.at(s.nextFireAt(), s.timeZone())
                    + " " + s.timeZone()));
        }
        return ExitCode.OK;
    }
}
