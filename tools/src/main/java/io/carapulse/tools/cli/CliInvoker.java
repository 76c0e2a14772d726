package io.carapulse.tools.cli;

import io.carapulse.api.tool.ToolFailure;

import io.carapulse.api.redact.Redactor;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.lease.CredentialLease;
import io.carapulse.tools.process.ProcessOutcome;
import io.carapulse.tools.process.ProcessRunner;
import io.carapulse.tools.process.ProcessSpec;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bridge between a tool action and the {@link ProcessRunner}: runs the binary with the call's
 * lease in its environment, within the call's deadline and cancellation, streams each redacted line
 * to the execution's events, and turns the outcome into a {@link ToolResult} — or, for anything but
 * exit 0, a {@link ToolException} that still carries the evidence (S8, S9).
 */
@Singleton
public class CliInvoker {

    private static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);

    private final ProcessRunner runner;

    public CliInvoker(ProcessRunner runner) {
        this.runner = runner;
    }

    /**
     * Runs {@code binary args…} and returns its complete outcome when it exits 0.
     *
     * @param binary the absolute path of the CLI (from the transport selection)
     * @param args   the arguments after the binary, built by the adapter from validated arguments (S5)
     * @param lease  the credentials for this call; its values are masked everywhere (S4)
     * @param ctx    the call's context: deadline, cancellation, event sink
     * @param exits  how this integration names failures
     * @throws ToolException code {@code timed_out}, {@code cancelled} or the mapper's code, with evidence
     */
    public ProcessOutcome run(Path binary, List<String> args, CredentialLease lease, ToolContext ctx, ExitMapper exits) {
        List<String> argv = new ArrayList<>(args.size() + 1);
        argv.add(binary.toString());
        argv.addAll(args);
        Duration left = Duration.between(Instant.now(), ctx.deadline());
        ProcessSpec spec = ProcessSpec.of(argv, left.compareTo(MIN_TIMEOUT) < 0 ? MIN_TIMEOUT : left)
                .withEnv(lease.env());
        Redactor redactor = Redactor.patterns().with(lease.secretValues());
        ProcessOutcome outcome = runner.run(spec, redactor, (source, line) -> ctx.emit(line), ctx.cancellation());
        if (outcome.succeeded()) {
            return outcome;
        }
        ToolFailure code = switch (outcome.status()) {
            case TIMED_OUT -> ToolFailure.TIMED_OUT;
            case CANCELLED -> ToolFailure.CANCELLED;
            case EXITED -> exits.code(outcome.exitCode(), outcome.stderr());
        };
        throw new ToolException(code, binary.getFileName() + " " + describe(outcome) + lastLines(outcome.stderr()),
                result(outcome, null, Map.of()));
    }

    /** The evidence material of an outcome, with structured data and external ids for a success. */
    public static ToolResult result(ProcessOutcome outcome, com.fasterxml.jackson.databind.JsonNode data,
                                    Map<String, String> externalIds) {
        String output = outcome.stderr().isEmpty() ? outcome.stdout()
                : outcome.stdout() + (outcome.stdout().isEmpty() ? "" : "\n") + "[stderr]\n" + outcome.stderr();
        ToolResult.OutputDigest digest = outcome.stdoutTruncated()
                ? new ToolResult.OutputDigest(outcome.stdoutSha256(), outcome.stdoutBytes(), true) : null;
        return new ToolResult(Transport.CLI, outcome.argv(), outcome.exitCode(), null, output, data, externalIds,
                digest);
    }

    private static String describe(ProcessOutcome o) {
        return switch (o.status()) {
            case TIMED_OUT -> "did not finish before its deadline and was killed";
            case CANCELLED -> "was cancelled";
            case EXITED -> "exited " + o.exitCode();
        };
    }

    /** The last few lines of stderr, which is where CLIs say what went wrong. */
    private static String lastLines(String stderr) {
        List<String> lines = stderr.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            return "";
        }
        String tail = String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        return ": " + (tail.length() > 500 ? tail.substring(0, 500) + "…" : tail);
    }
}
