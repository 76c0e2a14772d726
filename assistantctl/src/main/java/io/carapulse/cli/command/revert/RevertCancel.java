package io.carapulse.cli.command.revert;

import io.carapulse.api.dto.RevertChangeRequest;
import io.carapulse.api.dto.RevertView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code revert cancel ID --note TEXT}. */
@Command(name = "cancel", description = "Never revert the change: it stays as it is. An approver of its environment, "
        + "with a reason.")
final class RevertCancel extends CliCommand {

    @Parameters(paramLabel = "ID", description = "The revert id (rvt_…).")
    String id;

    @Option(names = "--note", required = true, paramLabel = "TEXT", description = "Why the change should stay.")
    String note;

    @Mixin
    OutputOption output;

    RevertCancel(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        RevertView r = api().post(Reverts.path(id) + "/cancel", new RevertChangeRequest(null, note), RevertView.class);
        if (!Printer.structured(out(), output.format(), r)) {
            out().println("revert " + r.id() + " " + r.status());
        }
        return ExitCode.OK;
    }
}
