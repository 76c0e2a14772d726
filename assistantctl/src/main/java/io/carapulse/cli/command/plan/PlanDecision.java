package io.carapulse.cli.command.plan;

import io.carapulse.api.dto.ApprovalDecisionRequest;
import io.carapulse.api.dto.PlanView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.http.ApiClient;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What approving and rejecting share: {@code POST /v1/plans/{id}/approval}. */
abstract class PlanDecision extends CliCommand {

    @Parameters(paramLabel = "PLAN", description = "The plan id (pln_…).")
    String id;

    @Option(names = "--note", paramLabel = "TEXT", description = "Kept with the decision and shown in the audit.")
    String note;

    @Mixin
    OutputOption output;

    private final String decision;

    PlanDecision(Cli cli, String decision) {
        super(cli);
        this.decision = decision;
    }

    abstract String reason();

    abstract String fingerprint();

    @Override
    protected ExitCode run() {
        PlanView plan = api().post("/v1/plans/" + ApiClient.segment(id) + "/approval",
                new ApprovalDecisionRequest(decision, note, reason(), fingerprint()), PlanView.class);
        if (!Printer.structured(out(), output.format(), plan)) {
            out().println("plan " + plan.id() + " " + style().status(plan.status()));
            if (plan.status().equals("APPROVED")) {
                err().println("Run it: assistantctl plan execute " + plan.id() + " --follow");
            }
        }
        return ExitCode.OK;
    }
}
