package io.carapulse.tools.helm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.family.Arg;
import io.carapulse.tools.helm.internal.HelmRelease;
import io.carapulse.tools.helm.internal.HistoryEntry;
import io.carapulse.tools.process.ProcessOutcome;
import io.carapulse.tools.transport.Selection;
import java.nio.file.Path;
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
public final class HelmRollback extends HelmAction<HelmRollback.Arguments> {

    /**
     * The arguments of {@code helm.rollback}; {@code timeout_seconds} is spelled as on the wire, where the
     * component's name is the argument's name.
     */
    public record Arguments(
            @Arg(value = HelmArgs.NAMESPACE, pattern = HelmArgs.NAMESPACE_RE) String namespace,
            @Arg(value = HelmArgs.RELEASE, pattern = HelmArgs.RELEASE_RE) String release,
            @Arg(value = "the revision to restore", min = 1, max = Integer.MAX_VALUE) int revision,
            @Arg(value = HelmArgs.TIMEOUT, min = 30, max = 1800) Optional<Integer> timeout_seconds)
            implements Namespaced {
    }

    public HelmRollback(HelmCalls calls) {
        super(calls, "rollback", ActionClass.WRITE, "Roll a Helm release back to an earlier revision and wait for it",
                Arguments.class, true, Set.of(Transport.CLI), Duration.ofMinutes(10));
    }

    /** A rollback to the revision deployed now; empty when there is none. */
    @Override
    protected Optional<ToolCall> inverse(Arguments args, ToolCall call, ToolContext context) {
        return deployedNow(runtime, call, args.namespace(), args.release(), args.timeout_seconds(), context)
                .map(restore -> same(call, restore));
    }

    @Override
    protected ToolResult viaCli(Path helm, Arguments args, ToolCall call, ToolContext context) {
        String release = args.release();
        List<HistoryEntry> before = runtime.history(helm, call, args.namespace(), release, context);
        List<String> argv = new ArrayList<>(List.of("rollback", release, String.valueOf(args.revision())));
        argv.addAll(targetFlags(call, args));
        argv.addAll(List.of("--wait", "--timeout", HelmUpgrade.helmTimeout(args.timeout_seconds(), context) + "s"));
        runtime.helm(helm, call, context, lease -> argv);
        List<String> status = new ArrayList<>(List.of("status", release));
        status.addAll(targetFlags(call, args));
        status.addAll(List.of("-o", "json"));
        ProcessOutcome outcome = runtime.helm(helm, call, HelmCalls.quiet(context), lease -> status);
        HelmRelease after = HelmRelease.fromJson(HelmCalls.parse(outcome));
        ObjectNode data = after.summary();
        data.put("restoredRevision", args.revision());
        return HelmCalls.summarized(outcome, data, Map.of(
                "revision", HelmCalls.latest(before) + "->" + after.revision(),
                "chart", after.chart() + "-" + after.chartVersion()));
    }

    /**
     * The arguments of a rollback to the revision {@code deployed} now, read with {@code helm history};
     * empty when the release does not exist or has no deployed revision, so the runtime refuses a
     * rollback honestly. The inverse of both writes.
     */
    static Optional<Arguments> deployedNow(HelmCalls calls, ToolCall call, String namespace, String release,
                                           Optional<Integer> timeoutSeconds, ToolContext context) {
        Path helm = ((Selection.Cli) calls.select(call, false)).binary();
        return HelmCalls.deployed(calls.history(helm, call, namespace, release, context))
                .map(current -> new Arguments(namespace, release, current.revision(), timeoutSeconds));
    }
}
