package io.carapulse.cli.command.standing;

import io.carapulse.api.dto.StandingApprovalView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code standing-approval revoke ID}. */
@Command(name = "revoke", description = "End a standing approval now: plans it approved that no execution has used "
        + "yet go back to waiting for a person's approval. An approver of its environment.")
final class StandingRevoke extends CliCommand {

    @Parameters(paramLabel = "ID", description = "The standing approval id (sta_…), from assistantctl standing-approval list.")
    String id;

    @Mixin
    OutputOption output;

    StandingRevoke(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        StandingApprovalView s = api().post(StandingApprovals.path(id) + "/revoke", null, StandingApprovalView.class);
        if (!Printer.structured(out(), output.format(), s)) {
            out().println("standing approval " + s.id() + " " + s.status());
        }
        return ExitCode.OK;
    }
}
