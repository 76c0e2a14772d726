package io.carapulse.cli.command.plan;

import io.carapulse.api.dto.ExecuteResponse;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.command.exec.ExecutionLog;
import io.carapulse.cli.http.ApiClient;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code plan execute ID [--follow]}. */
@Command(name = "execute", aliases = "run", description = "Start an approved (or read-only) plan; with --follow, "
        + "stream its steps and output until it ends, and exit with its outcome.")
final class PlanExecute extends CliCommand {

    @Parameters(paramLabel = "PLAN", description = "The plan id (pln_…).")
    String id;

    @Option(names = {"-f", "--follow"}, description = "Stream the execution until it ends (exit 10 if it fails, 11 if held).")
    boolean follow;

    @Mixin
    OutputOption output;

    PlanExecute(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        ExecuteResponse started = api().post("/v1/plans/" + ApiClient.segment(id) + "/execute", null, ExecuteResponse.class);
        if (follow) {
            err().println("execution " + started.executionId() + " " + started.status());
            return new ExecutionLog(cli, out(), err(), output.format()).follow(started.executionId());
        }
        if (!Printer.structured(out(), output.format(), started)) {
            out().println("execution " + started.executionId() + " " + style().status(started.status()));
            err().println("Follow it: assistantctl exec logs " + started.executionId() + " --follow");
        }
        return ExitCode.OK;
    }
}
