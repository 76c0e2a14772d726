package io.carapulse.tools.helm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.family.Arg;
import io.carapulse.tools.helm.internal.HistoryEntry;
import io.carapulse.tools.helm.internal.ReleaseSecrets;
import io.carapulse.tools.process.ProcessOutcome;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code helm.history}: the last 20 revisions of a release — {@code helm history <release> -o json
 * --max 20}, or over HTTP its release secrets. Data: {@code {release, namespace, revision, status,
 * chart, chartVersion, appVersion, revisions: [{revision, status, chart, chartVersion, appVersion,
 * updated, description}]}}, the top-level fields describing the newest revision.
 */
public final class HelmHistory extends HelmAction<HelmHistory.Arguments> {

    /** The arguments of {@code helm.history}. */
    public record Arguments(
            @Arg(value = HelmArgs.NAMESPACE, pattern = HelmArgs.NAMESPACE_RE) String namespace,
            @Arg(value = HelmArgs.RELEASE, pattern = HelmArgs.RELEASE_RE) String release) implements Namespaced {
    }

    /** How many revisions are listed, as {@code --max}. */
    static final int MAX = 20;

    public HelmHistory(HelmCalls calls) {
        super(calls, "history", ActionClass.READ,
                "List the last 20 revisions of a Helm release with their status, chart and description",
                Arguments.class, false, Set.of(Transport.CLI, Transport.HTTP), Duration.ofMinutes(1));
    }

    @Override
    protected ToolResult viaCli(Path helm, Arguments args, ToolCall call, ToolContext context) {
        List<String> argv = new ArrayList<>(List.of("history", args.release()));
        argv.addAll(targetFlags(call, args));
        argv.addAll(List.of("-o", "json", "--max", String.valueOf(MAX)));
        ProcessOutcome outcome = runtime.helm(helm, call, context, lease -> argv);
        List<HistoryEntry> entries = HistoryEntry.fromCli(HelmCalls.parse(outcome));
        return HelmCalls.result(outcome, data(args, entries), ids(entries));
    }

    @Override
    protected ToolResult viaHttp(Arguments args, ToolCall call, ToolContext context) {
        String release = args.release();
        String url = runtime.secretsUrl(call, args.namespace(), "owner%3Dhelm,name%3D" + release);
        List<Secret> secrets = runtime.http(call, url, c -> ReleaseSecrets.revisions(c, args.namespace(), release));
        if (secrets.isEmpty()) {
            throw HelmStatus.notFound(url, release, args.namespace());
        }
        List<HistoryEntry> entries = secrets.subList(Math.max(0, secrets.size() - MAX), secrets.size()).stream()
                .map(HelmStatus::decode).map(HistoryEntry::of).toList();
        return runtime.httpResult(call, url, data(args, entries), ids(entries));
    }

    private static ObjectNode data(Arguments args, List<HistoryEntry> entries) {
        ObjectNode data = HelmArgs.JSON.createObjectNode();
        data.put("release", args.release());
        data.put("namespace", args.namespace());
        HistoryEntry last = entries.isEmpty() ? null : entries.get(entries.size() - 1);
        data.put("revision", last == null ? 0 : last.revision());
        data.put("status", last == null ? "" : last.status());
        data.put("chart", last == null ? "" : last.chart());
        data.put("chartVersion", last == null ? "" : last.chartVersion());
        data.put("appVersion", last == null ? "" : last.appVersion());
        ArrayNode revisions = data.putArray("revisions");
        entries.forEach(e -> revisions.add(e.toJson()));
        return data;
    }

    private static Map<String, String> ids(List<HistoryEntry> entries) {
        return Map.of("revision", HelmCalls.latest(entries));
    }
}
