package io.carapulse.cli.command.schedule;

import com.fasterxml.jackson.core.type.TypeReference;
import io.carapulse.api.dto.PageView;
import io.carapulse.api.dto.ScheduleView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.command.Paging;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import io.carapulse.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code schedule list}: oldest first, as created. */
@Command(name = "list", aliases = "ls", description = "List the schedules, oldest first, each with when it fires next "
        + "(in its own time zone).")
final class ScheduleList extends CliCommand {

    @Mixin
    OutputOption output;

    ScheduleList(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        PageView<ScheduleView> page = api().get(Schedules.BASE, new TypeReference<PageView<ScheduleView>>() { });
        if (Printer.structured(out(), output.format(), page)) {
            return ExitCode.OK;
        }
        Table t = Table.of("ID", "RUNBOOK", "ENV", "CRON", "ZONE", "STATE", "NEXT");
        for (ScheduleView s : page.items()) {
            t.row(s.id(), s.runbook(), s.environment(), s.cron(), s.timeZone(), ScheduleRender.state(s),
                    Schedules.at(s.nextFireAt(), s.timeZone()));
        }
        Paging.print(out(), err(), t, "schedules");
        return ExitCode.OK;
    }
}
