package io.carapulse.cli.command.runbook;

import io.carapulse.api.dto.RunbookView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code runbook show NAME [--version N]}. */
@Command(name = "show", aliases = "get", description = "Show a runbook: where it comes from, where it may run, "
        + "its parameters with their types and bounds, its summary and its steps.")
final class RunbookShow extends CliCommand {

    @Parameters(paramLabel = "NAME", description = "The runbook's name (e.g. scale-service).")
    String name;

    @Option(names = "--runbook-version", paramLabel = "N", description = "An earlier version (default: the current one).")
    Integer version;

    @Mixin
    OutputOption output;

    RunbookShow(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        RunbookView runbook = Runbooks.get(api(), name, version);
        if (!Printer.structured(out(), output.format(), runbook)) {
            RunbookRender.detail(out(), runbook);
        }
        return ExitCode.OK;
    }
}
