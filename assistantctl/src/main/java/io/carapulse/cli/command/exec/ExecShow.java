package io.carapulse.cli.command.exec;

import io.carapulse.api.dto.ExecutionView;
import io.carapulse.api.dto.StepRunView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.http.ApiClient;
import io.carapulse.cli.output.Ages;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import io.carapulse.cli.output.Table;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code exec show ID}. */
@Command(name = "show", aliases = "get", description = "Show an execution and its step runs (act, verify, rollback).")
final class ExecShow extends CliCommand {

    @Parameters(paramLabel = "EXECUTION", description = "The execution id (exe_…).")
    String id;

    @Mixin
    OutputOption output;

    ExecShow(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        ExecutionView e = api().get("/v1/executions/" + ApiClient.segment(id), ExecutionView.class);
        if (Printer.structured(out(), output.format(), e)) {
            return ExitCode.OK;
        }
        PrintWriter out = out();
        out.printf("%-14s%s%n", "Execution:", e.id());
        out.printf("%-14s%s%n", "Plan:", e.planId());
        out.printf("%-14s%s%n", "Environment:", e.environment());
        out.printf("%-14s%s%s%n", "Status:", style().status(e.status()), e.cancelRequested() ? " (cancel requested)" : "");
        out.printf("%-14s%s%n", "Requested by:", e.requestedBy());
        out.printf("%-14s%s%n", "Started:", e.startedAt() == null ? "-" : e.startedAt());
        out.printf("%-14s%s%n", "Ended:", e.endedAt() == null ? "-" : e.endedAt());
        if (e.error() != null) {
            out.printf("%-14s%s: %s%n", "Error:", e.error().code(), e.error().detail());
        }
        out.println();
        Table t = Table.of("#", "KIND", "STEP", "CLASS", "STATUS", "ATTEMPT", "DURATION", "ERROR");
        for (StepRunView r : e.steps()) {
            t.row(r.position(), r.kind(), r.tool() + "." + r.action(),
                    r.actionClass() == null ? null : style().status(r.actionClass().name()), style().status(r.status()),
                    r.attempt(), r.startedAt() == null || r.endedAt() == null ? null
                            : Ages.millis(Duration.between(r.startedAt(), r.endedAt()).toMillis()),
                    r.error() == null ? null : Table.cut(r.error().code() + ": " + r.error().detail(), 80));
        }
        t.print(out);
        return ExitCode.OK;
    }
}
