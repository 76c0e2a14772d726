package io.carapulse.cli.command.tools;

import com.fasterxml.jackson.core.type.TypeReference;
import io.carapulse.api.dto.ToolView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.command.Paging;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import io.carapulse.cli.output.Table;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tools list}. */
@Command(name = "list", aliases = "ls", description = "List the tools, the transports usable now, and how many actions each has.")
final class ToolsList extends CliCommand {

    @Mixin
    OutputOption output;

    ToolsList(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        List<ToolView> tools = api().get("/v1/tools", new TypeReference<List<ToolView>>() { });
        if (Printer.structured(out(), output.format(), tools)) {
            return ExitCode.OK;
        }
        Table t = Table.of("TOOL", "TRANSPORTS", "ACTIONS", "DESCRIPTION");
        for (ToolView tool : tools) {
            t.row(tool.name(), tool.transports().isEmpty() ? "none" : String.join(",", tool.transports()),
                    tool.actions().size(), Table.cut(tool.description(), 70));
        }
        Paging.print(out(), err(), t, "tools");
        return ExitCode.OK;
    }
}
