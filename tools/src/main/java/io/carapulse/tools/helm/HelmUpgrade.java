package io.carapulse.tools.helm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.helm.internal.HelmRelease;
import io.carapulse.tools.helm.internal.HistoryEntry;
import io.carapulse.tools.process.ProcessOutcome;
import io.carapulse.tools.transport.Selection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code helm.upgrade}: {@code helm upgrade --install <release> <chart> --kube-context <ctx>
 * --namespace <ns> [--version <v>] --wait --atomic --timeout <s>s [-f <lease>/values.json] -o json}.
 * CLI only. Inline values are written to a 0600 file in the call's lease, deleted afterwards. Its
 * inverse is a {@code rollback} to the revision deployed before; a release that does not exist yet
 * has none. Data: {@code {release, namespace, revision, status, chart, chartVersion, appVersion}} of
 * the new revision; external ids {@code revision: "<before>-><after>"} and {@code chart}.
 */
public final class HelmUpgrade extends HelmAction {

    static final String TIMEOUT = "\"timeout_seconds\": {\"type\": \"integer\", \"minimum\": 30, \"maximum\": 1800, "
            + "\"description\": \"helm --timeout in seconds (default 300), capped by the step's deadline\"}";

    private static final ActionDescriptor DESCRIPTOR = new ActionDescriptor("upgrade", ActionClass.WRITE,
            "Install or upgrade a Helm release from a repo/chart reference or an oci:// chart, waiting for it "
                    + "and rolling back automatically on failure (--wait --atomic); values inline as a JSON "
                    + "object (values_ref from Git is not supported in this version)",
            HelmArgs.schema(HelmArgs.NAMESPACE + ", " + HelmArgs.RELEASE
                    + ", \"chart\": {\"type\": \"string\", \"maxLength\": 300, \"pattern\": \""
                    + HelmArgs.CHART_RE.replace("\\", "\\\\")
                    + "\", \"description\": \"repo/chart reference or oci:// URL; never a local path\"}"
                    + ", \"version\": {\"type\": \"string\", \"pattern\": \"" + HelmArgs.VERSION_RE.replace("\\", "\\\\")
                    + "\", \"description\": \"exact chart version (SemVer); the newest when absent\"}"
                    + ", \"values\": {\"type\": \"object\", \"description\": \"values, as a JSON object\"}"
                    + ", " + TIMEOUT,
                    "namespace", "release", "chart"),
            true, Set.of(Transport.CLI), Duration.ofMinutes(10));

    public HelmUpgrade(HelmCalls calls) {
        super(calls, DESCRIPTOR);
    }

    /** A {@code rollback} to the revision deployed now; empty when the release has none (a first install). */
    @Override
    public Optional<ToolCall> captureInverse(ToolCall call, ToolContext context) {
        return HelmRollback.inverse(calls, call, context);
    }

    @Override
    public ToolResult execute(ToolCall call, ToolContext context) {
        calls.requireTargets(call);
        String release = HelmArgs.release(call);
        String chart = HelmArgs.checked(call, "chart", HelmArgs.CHART_RE);
        String version = call.args().hasNonNull("version") ? HelmArgs.checked(call, "version", HelmArgs.VERSION_RE)
                : null;
        Selection.Cli cli = (Selection.Cli) calls.select(call, false);
        List<HistoryEntry> before = calls.history(cli.binary(), call, context);
        ProcessOutcome outcome = calls.cli(cli.binary(), call, HelmCalls.quiet(context), lease -> {
            List<String> args = new ArrayList<>(List.of("upgrade", "--install", release, chart));
            args.addAll(calls.targetFlags(call));
            if (version != null) {
                args.addAll(List.of("--version", version));
            }
            args.addAll(List.of("--wait", "--atomic", "--timeout", helmTimeout(call, context) + "s"));
            if (call.args().has("values")) {
                args.addAll(List.of("-f", lease.write("values.json", values(call)).toString()));
            }
            args.addAll(List.of("-o", "json"));
            return args;
        });
        HelmRelease after = HelmRelease.fromJson(HelmCalls.parse(outcome));
        return HelmCalls.summarized(outcome, after.summary(), Map.of(
                "revision", HelmCalls.latest(before) + "->" + after.revision(),
                "chart", after.chart() + "-" + after.chartVersion()));
    }

    /** The helm {@code --timeout}: the argument (default 300 s), leaving 15 s of the deadline for Helm to report. */
    static long helmTimeout(ToolCall call, ToolContext context) {
        long wanted = call.args().path("timeout_seconds").asLong(300);
        long left = Duration.between(Instant.now(), context.deadline()).toSeconds() - 15;
        return Math.max(1, Math.min(wanted, left));
    }

    private static byte[] values(ToolCall call) {
        if (!call.args().get("values").isObject()) {
            throw HelmArgs.invalid("values must be a JSON object");
        }
        try {
            return HelmArgs.JSON.writeValueAsString((ObjectNode) call.args().get("values"))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw HelmArgs.invalid("values cannot be written as JSON: " + e.getOriginalMessage());
        }
    }
}
