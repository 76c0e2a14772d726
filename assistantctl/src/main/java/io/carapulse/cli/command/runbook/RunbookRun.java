package io.carapulse.cli.command.runbook;

import io.carapulse.api.dto.PlanView;
import io.carapulse.api.dto.RunbookRunRequest;
import io.carapulse.api.dto.RunbookRunView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.command.exec.ExecutionLog;
import io.carapulse.cli.command.plan.PlanRender;
import io.carapulse.cli.output.OutputFormat;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code runbook run NAME -e ENV -p key=value … [--follow]}. */
@Command(name = "run", description = {
        "Run a runbook: make its plan for an environment with these parameters. A plan that writes waits for an "
                + "approval; one that only reads starts at once (with --follow, streamed until it ends).",
        "",
        "  assistantctl runbook run scale-service -e prod -p namespace=web -p name=web -p replicas=3"})
final class RunbookRun extends CliCommand {

    @Parameters(paramLabel = "NAME", description = "The runbook's name (e.g. scale-service).")
    String name;

    @Option(names = {"-e", "--env"}, required = true, paramLabel = "ENV", description = "The environment to run in.")
    String environment;

    @Mixin
    RunbookParameters parameters;

    @Option(names = "--runbook-version", paramLabel = "N", description = "Run an earlier version (default: the current one).")
    Integer version;

    @Option(names = {"-f", "--follow"}, description = "When the plan only reads and started, stream its execution "
            + "until it ends (exit 10 if it fails, 11 if held).")
    boolean follow;

    @Mixin
    OutputOption output;

    RunbookRun(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        RunbookParameters.Bound bound = parameters.bind(cli, name, version);
        RunbookRunView ran = api().post(Runbooks.path(name) + "/runs",
                new RunbookRunRequest(environment, bound.params(), bound.runbook().version()), RunbookRunView.class);
        PlanView plan = ran.plan();
        boolean streaming = follow && ran.executionId() != null;
        if (streaming && output.format() != OutputFormat.TABLE) {
            // stdout is the execution's events, one document each, as plan execute --follow prints them
            err().println("plan " + plan.id() + " " + plan.status() + ", execution " + ran.executionId());
        } else if (!Printer.structured(out(), output.format(), ran)) {
            PlanRender.detail(out(), style(), plan);
        }
        if (ran.note() != null) {
            err().println("Not started: " + ran.note() + ": assistantctl plan execute " + plan.id());
        } else if (ran.executionId() != null && !streaming) {
            err().println((plan.requiresApproval() ? "A standing approval authorised it, so it started"
                    : "It only reads, so it started") + ": assistantctl exec logs " + ran.executionId() + " --follow");
        } else if (plan.status().equals("AWAITING_APPROVAL")) {
            err().println("It writes, so it waits for an approval (assistantctl plan approve " + plan.id()
                    + "); see it: assistantctl plan show " + plan.id());
        }
        if (streaming) {
            return new ExecutionLog(cli, out(), err(), output.format()).follow(ran.executionId());
        }
        if (!follow) {
            return ExitCode.OK;
        }
        // --follow asked for an outcome and there is none to follow: say why by the exit code
        return plan.status().equals("AWAITING_APPROVAL") ? ExitCode.APPROVAL_REQUIRED
                : ran.note() != null ? ExitCode.FORBIDDEN : ExitCode.OK;
    }
}
