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

/** {@code revert run ID}. */
@Command(name = "run", description = "Revert the change now instead of at its time (the roles that may execute plans "
        + "in its environment). Follow it with assistantctl revert show ID, then exec logs.")
final class RevertRun extends CliCommand {

    @Parameters(paramLabel = "ID", description = "The revert id (rvt_…).")
    String id;

    @Option(names = "--note", paramLabel = "TEXT", description = "Why, for the audit.")
    String note;

    @Mixin
    OutputOption output;

    RevertRun(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        RevertView r = api().post(Reverts.path(id) + "/run", new RevertChangeRequest(null, note), RevertView.class);
        if (!Printer.structured(out(), output.format(), r)) {
            out().println("revert " + r.id() + " runs now");
        }
        return ExitCode.OK;
    }
}
