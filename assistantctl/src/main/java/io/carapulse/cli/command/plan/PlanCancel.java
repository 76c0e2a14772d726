package io.carapulse.cli.command.plan;

import io.carapulse.api.dto.PlanView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.http.ApiClient;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code plan cancel ID}. */
@Command(name = "cancel", description = "Cancel a plan that has not started (a running one: assistantctl exec cancel).")
final class PlanCancel extends CliCommand {

    @Parameters(paramLabel = "PLAN", description = "The plan id (pln_…).")
    String id;

    @Mixin
    OutputOption output;

    PlanCancel(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        PlanView plan = api().post("/v1/plans/" + ApiClient.segment(id) + "/cancel", null, PlanView.class);
        if (!Printer.structured(out(), output.format(), plan)) {
            out().println("plan " + plan.id() + " " + style().status(plan.status()));
        }
        return ExitCode.OK;
    }
}
