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

/** {@code standing-approval show ID}. */
@Command(name = "show", aliases = "get", description = "Show a standing approval: runbook version, environment, "
        + "bounds, status, who granted it and why, when it expires or how it ended.")
final class StandingShow extends CliCommand {

    @Parameters(paramLabel = "ID", description = "The standing approval id (sta_…), from assistantctl standing-approval list.")
    String id;

    @Mixin
    OutputOption output;

    StandingShow(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        StandingApprovalView s = api().get(StandingApprovals.path(id), StandingApprovalView.class);
        if (!Printer.structured(out(), output.format(), s)) {
            StandingRender.detail(out(), s);
        }
        return ExitCode.OK;
    }
}
