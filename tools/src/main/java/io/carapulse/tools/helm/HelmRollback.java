package io.carapulse.tools.helm;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code helm.rollback}: {@code helm rollback <release> <revision> --kube-context <ctx> --namespace <ns>
 * --wait --timeout <s>s}, then {@code helm status <release> -o json} for the evidence. CLI only. Its
 * inverse is a rollback to the revision deployed before. Data: the new revision's
 * {@code {release, namespace, revision, status, chart, chartVersion, appVersion}} plus
 * {@code restoredRevision}; external ids {@code revision: "<before>-><after>"}, {@code chart}.
 */
public final class HelmRollback extends HelmAction {

    private static final ActionDescriptor DESCRIPTOR = new ActionDescriptor("rollback", ActionClass.WRITE,
            "Roll a Helm release back to an earlier revision and wait for it",
            HelmArgs.schema(HelmArgs.NAMESPACE + ", " + HelmArgs.RELEASE
                    + ", \"revision\": {\"type\": \"integer\", \"minimum\": 1, \"maximum\": 2147483647, "
                    + "\"description\": \"the revision to restore\"}, " + HelmUpgrade.TIMEOUT,
                    "namespace", "release", "revision"),
            true, Set.of(Transport.CLI), Duration.ofMinutes(10));

    public HelmRollback(HelmCalls calls) {
        super(calls, DESCRIPTOR);
    }

    @Override
    public Optional<ToolCall> captureInverse(ToolCall call, ToolContext context) {
        return inverse(calls, call, context);
    }

    @Override
    void checkArguments(ToolCall call) {
        revision(call);
    }

    private static int revision(ToolCall call) {
        HelmArgs.release(call);
        int revision = HelmArgs.positive(call, "revision");
        if (revision < 1) {
            throw HelmArgs.invalid("revision is required");
        }
        return revision;
    }

    @Override
    public ToolResult execute(ToolCall call, ToolContext context) {
        calls.requireTargets(call);
        String release = HelmArgs.release(call);
        int revision = revision(call);
        Selection.Cli cli = (Selection.Cli) calls.select(call, false);
        List<HistoryEntry> before = calls.history(cli.binary(), call, context);
        List<String> args = new ArrayList<>(List.of("rollback", release, String.valueOf(revision)));
        args.addAll(calls.targetFlags(call));
        args.addAll(List.of("--wait", "--timeout", HelmUpgrade.helmTimeout(call, context) + "s"));
        calls.cli(cli.binary(), call, context, lease -> args);
        List<String> status = new ArrayList<>(List.of("status", release));
        status.addAll(calls.targetFlags(call));
        status.addAll(List.of("-o", "json"));
        ProcessOutcome outcome = calls.cli(cli.binary(), call, HelmCalls.quiet(context), lease -> status);
        HelmRelease after = HelmRelease.fromJson(HelmCalls.parse(outcome));
        ObjectNode data = after.summary();
        data.put("restoredRevision", revision);
        return HelmCalls.summarized(outcome, data, Map.of(
                "revision", HelmCalls.latest(before) + "->" + after.revision(),
                "chart", after.chart() + "-" + after.chartVersion()));
    }

    /**
     * A rollback to the revision {@code deployed} now, read with {@code helm history}; empty when the
     * release does not exist or has no deployed revision, so the runtime refuses a rollback honestly.
     */
    static Optional<ToolCall> inverse(HelmCalls calls, ToolCall call, ToolContext context) {
        calls.requireTargets(call);
        Selection.Cli cli = (Selection.Cli) calls.select(call, false);
        return HelmCalls.deployed(calls.history(cli.binary(), call, context)).map(current -> {
            ObjectNode args = HelmArgs.JSON.createObjectNode();
            args.put("namespace", HelmArgs.namespace(call));
            args.put("release", HelmArgs.release(call));
            args.put("revision", current.revision());
            if (call.args().has("timeout_seconds")) {
                args.set("timeout_seconds", call.args().get("timeout_seconds"));
            }
            return new ToolCall(call.tool(), "rollback", args, call.environment());
        });
    }
}
