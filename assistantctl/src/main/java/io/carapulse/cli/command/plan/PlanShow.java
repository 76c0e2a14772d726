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

/** {@code plan show ID}. */
@Command(name = "show", aliases = "get", description = "Show a plan: its steps with their classes, its approval, its execution.")
final class PlanShow extends CliCommand {

    @Parameters(paramLabel = "PLAN", description = "The plan id (pln_…).")
    String id;

    @Mixin
    OutputOption output;

    PlanShow(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        PlanView plan = api().get("/v1/plans/" + ApiClient.segment(id), PlanView.class);
        if (!Printer.structured(out(), output.format(), plan)) {
            PlanRender.detail(out(), style(), plan);
        }
        return ExitCode.OK;
    }
}
