package io.carapulse.cli.command.runbook;

import com.fasterxml.jackson.core.type.TypeReference;
import io.carapulse.api.dto.PageView;
import io.carapulse.api.dto.RunbookView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.command.Paging;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import io.carapulse.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code runbook list}: the runbooks that may be run, by name. */
@Command(name = "list", aliases = "ls", description = "List the runbooks that may be run, by name, each at its current version.")
final class RunbookList extends CliCommand {

    @Mixin
    OutputOption output;

    RunbookList(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        PageView<RunbookView> page = api().get("/v1/runbooks", new TypeReference<PageView<RunbookView>>() { });
        if (Printer.structured(out(), output.format(), page)) {
            return ExitCode.OK;
        }
        Table t = Table.of("NAME", "VERSION", "SOURCE", "ENVIRONMENTS", "DESCRIPTION");
        for (RunbookView r : page.items()) {
            t.row(r.name(), r.version(), r.source(), RunbookRender.environments(r), RunbookRender.firstLine(r.description()));
        }
        Paging.print(out(), err(), t, "runbooks");
        return ExitCode.OK;
    }
}
