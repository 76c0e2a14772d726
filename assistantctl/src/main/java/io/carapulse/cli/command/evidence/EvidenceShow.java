package io.carapulse.cli.command.evidence;

import io.carapulse.api.dto.EvidenceView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.http.ApiClient;
import io.carapulse.cli.output.Ages;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import java.io.PrintWriter;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code evidence show ID}. */
@Command(name = "show", aliases = "get", description = "Show one evidence record: the redacted command, status, "
        + "timing, output hash and excerpt, external ids.")
final class EvidenceShow extends CliCommand {

    @Parameters(paramLabel = "EVIDENCE", description = "The evidence id (evd_…).")
    String id;

    @Mixin
    OutputOption output;

    EvidenceShow(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        EvidenceView e = api().get("/v1/evidence/" + ApiClient.segment(id), EvidenceView.class);
        if (Printer.structured(out(), output.format(), e)) {
            return ExitCode.OK;
        }
        PrintWriter out = out();
        row(out, "Evidence", e.id());
        row(out, "Execution", e.executionId() + " (step run " + e.stepRunId() + ", " + e.kind() + ")");
        row(out, "Step", e.tool() + "." + e.action());
        if (e.correlationId() != null) {
            row(out, "Correlation", e.correlationId());
        }
        row(out, "Outcome", style().status(e.outcome()));
        row(out, "Transport", e.transport());
        row(out, "Command", e.command() == null ? null : String.join(" ", e.command()));
        row(out, "Exit code", e.exitCode() == null ? null : e.exitCode().toString());
        row(out, "HTTP status", e.httpStatus() == null ? null : e.httpStatus().toString());
        row(out, "Started", e.startedAt() == null ? null : e.startedAt().toString());
        row(out, "Duration", Ages.millis(e.durationMs()));
        row(out, "Output", e.outputBytes() + " bytes, sha256 " + e.outputSha256());
        row(out, "External ids", e.externalIds() == null || e.externalIds().isEmpty() ? null
                : new TreeMap<>(e.externalIds()).toString());
        if (e.followUps() != null) {
            for (var f : e.followUps()) {
                row(out, "Follow-up", f.kind() + ": " + f.status() + " after " + f.attempts() + " attempt"
                        + (f.attempts() == 1 ? "" : "s")
                        + (f.externalIds() == null || f.externalIds().isEmpty() ? "" : " " + new TreeMap<>(f.externalIds()))
                        + (f.summary() == null || f.summary().isBlank() ? "" : " — " + f.summary()));
            }
        }
        if (e.outputPruned() != null) {
            row(out, "Excerpt", "removed by " + e.outputPruned().by() + " at " + e.outputPruned().at()
                    + " (the output's sha256 above is what it was)");
            return ExitCode.OK;
        }
        out.println("Excerpt" + (e.excerptTruncated() ? " (first part only):" : ":"));
        if (e.excerpt() != null) {
            e.excerpt().lines().forEach(l -> out.println("  " + l));
        }
        return ExitCode.OK;
    }

    private static void row(PrintWriter out, String name, String value) {
        out.printf("%-14s%s%n", name + ":", value == null ? "-" : value);
    }
}
