package io.carapulse.cli.command.exec;

import io.carapulse.api.dto.ExecutionView;
import io.carapulse.api.dto.HoldResolutionRequest;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.http.ApiClient;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code exec resolve ID --outcome succeeded|failed}. */
@Command(name = "resolve", description = "Say what a HELD execution's write actually did, after checking the target: "
        + "succeeded (continue with the next step) or failed (end the execution as failed).")
final class ExecResolve extends CliCommand {

    enum Outcome { succeeded, failed }

    @Parameters(paramLabel = "EXECUTION", description = "The held execution's id (exe_…).")
    String id;

    @Option(names = "--outcome", required = true, paramLabel = "OUTCOME", description = "succeeded or failed.")
    Outcome outcome;

    @Option(names = "--note", paramLabel = "TEXT", description = "What you checked.")
    String note;

    @Mixin
    OutputOption output;

    ExecResolve(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        ExecutionView e = api().post("/v1/executions/" + ApiClient.segment(id) + "/resolve",
                new HoldResolutionRequest(outcome.name(), note), ExecutionView.class);
        if (!Printer.structured(out(), output.format(), e)) {
            out().println("execution " + e.id() + " " + style().status(e.status()));
        }
        return ExitCode.OK;
    }
}
