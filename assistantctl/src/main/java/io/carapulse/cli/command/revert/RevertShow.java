package io.carapulse.cli.command.revert;

import io.carapulse.api.dto.RevertView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code revert show ID}. */
@Command(name = "show", aliases = "get", description = "Show a revert: the change it undoes, the inverse, when it is "
        + "due, who changed it last and why, and its execution once started.")
final class RevertShow extends CliCommand {

    @Parameters(paramLabel = "ID", description = "The revert id (rvt_…), from assistantctl revert list.")
    String id;

    @Mixin
    OutputOption output;

    RevertShow(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        RevertView r = api().get(Reverts.path(id), RevertView.class);
        if (!Printer.structured(out(), output.format(), r)) {
            Reverts.detail(out(), r);
        }
        return ExitCode.OK;
    }
}
