package io.carapulse.tools.helm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.helm.internal.HistoryEntry;
import io.carapulse.tools.helm.internal.ReleaseSecrets;
import io.carapulse.tools.process.ProcessOutcome;
import io.carapulse.tools.transport.Selection;
import io.fabric8.kubernetes.api.model.Secret;
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
public final class HelmHistory extends HelmAction {

    /** How many revisions are listed, as {@code --max}. */
    static final int MAX = 20;

    private static final ActionDescriptor DESCRIPTOR = new ActionDescriptor("history", ActionClass.READ,
            "List the last 20 revisions of a Helm release with their status, chart and description",
            HelmArgs.schema(HelmArgs.NAMESPACE + ", " + HelmArgs.RELEASE, "namespace", "release"),
            false, Set.of(Transport.CLI, Transport.HTTP), Duration.ofMinutes(1));

    public HelmHistory(HelmCalls calls) {
        super(calls, DESCRIPTOR);
    }

    @Override
    public ToolResult execute(ToolCall call, ToolContext context) {
        calls.requireTargets(call);
        String release = HelmArgs.release(call);
        if (calls.select(call, true) instanceof Selection.Cli cli) {
            List<String> args = new ArrayList<>(List.of("history", release));
            args.addAll(calls.targetFlags(call));
            args.addAll(List.of("-o", "json", "--max", String.valueOf(MAX)));
            ProcessOutcome outcome = calls.cli(cli.binary(), call, context, lease -> args);
            List<HistoryEntry> entries = HistoryEntry.fromCli(HelmCalls.parse(outcome));
            return HelmCalls.result(outcome, data(call, entries), ids(entries));
        }
        String url = calls.secretsUrl(call, "owner%3Dhelm,name%3D" + release);
        List<Secret> secrets = calls.http(call, url,
                c -> ReleaseSecrets.revisions(c, HelmArgs.namespace(call), release));
        if (secrets.isEmpty()) {
            throw HelmStatus.notFound(url, release, HelmArgs.namespace(call));
        }
        List<HistoryEntry> entries = secrets.subList(Math.max(0, secrets.size() - MAX), secrets.size()).stream()
                .map(HelmStatus::decode).map(HistoryEntry::of).toList();
        return calls.httpResult(call, url, data(call, entries), ids(entries));
    }

    private static ObjectNode data(ToolCall call, List<HistoryEntry> entries) {
        ObjectNode data = HelmArgs.JSON.createObjectNode();
        data.put("release", HelmArgs.release(call));
        data.put("namespace", HelmArgs.namespace(call));
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
