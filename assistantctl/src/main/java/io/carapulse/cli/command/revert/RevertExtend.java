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

/** {@code revert extend ID --revert-after 2h}. */
@Command(name = "extend", description = "Let the change stand longer: the revert runs DURATION from now. An approval: "
        + "an approver of its environment other than the change's requester (unless the environment allows "
        + "self-approval), within guard-rails.revert-after-max.")
final class RevertExtend extends CliCommand {

    @Parameters(paramLabel = "ID", description = "The revert id (rvt_…).")
    String id;

    @Option(names = "--revert-after", required = true, paramLabel = "DURATION",
            description = "How long from now, e.g. 90m, 2h or 1d.")
    String revertAfter;

    @Option(names = "--note", paramLabel = "TEXT", description = "Why, for the audit.")
    String note;

    @Mixin
    OutputOption output;

    RevertExtend(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        RevertView r = api().post(Reverts.path(id) + "/extend", new RevertChangeRequest(revertAfter, note),
                RevertView.class);
        if (!Printer.structured(out(), output.format(), r)) {
            out().println("revert " + r.id() + " now due " + r.dueAt());
        }
        return ExitCode.OK;
    }
}
