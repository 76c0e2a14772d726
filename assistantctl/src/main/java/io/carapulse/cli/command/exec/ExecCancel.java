package io.carapulse.cli.command.exec;

import io.carapulse.api.dto.ExecutionView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.http.ApiClient;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code exec cancel ID}. */
@Command(name = "cancel", description = "Cancel an execution: the next step does not start and the call in flight is cancelled.")
final class ExecCancel extends CliCommand {

    @Parameters(paramLabel = "EXECUTION", description = "The execution id (exe_…).")
    String id;

    @Mixin
    OutputOption output;

    ExecCancel(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        ExecutionView e = api().post("/v1/executions/" + ApiClient.segment(id) + "/cancel", null, ExecutionView.class);
        if (!Printer.structured(out(), output.format(), e)) {
            out().println("execution " + e.id() + " " + style().status(e.status())
                    + (e.cancelRequested() && !e.status().equals("CANCELLED") ? " (cancel requested)" : ""));
        }
        return ExitCode.OK;
    }
}
