package io.carapulse.tools.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.family.Arg;
import io.carapulse.tools.helm.internal.HelmRelease;
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
 * {@code helm.list}: the releases of a namespace as {@code helm list -o json} shows them by default
 * (the newest revision of each release whose status is {@code deployed} or {@code failed}); over
 * HTTP, from the release secrets. Data: {@code {namespace, releases: [{release, namespace, revision,
 * status, chart, chartVersion, appVersion, updated}]}}.
 */
public final class HelmList extends HelmAction<HelmList.Arguments> {

    /** The arguments of {@code helm.list}. */
    public record Arguments(
            @Arg(value = HelmArgs.NAMESPACE, pattern = HelmArgs.NAMESPACE_RE) String namespace) implements Namespaced {
    }

    private static final Set<String> LISTED = Set.of("deployed", "failed");

    public HelmList(HelmCalls calls) {
        super(calls, "list", ActionClass.READ,
                "List the deployed or failed Helm releases of a namespace with revision, chart and app version",
                Arguments.class, false, Set.of(Transport.CLI, Transport.HTTP), Duration.ofMinutes(1));
    }

    @Override
    protected ToolResult viaCli(Path helm, Arguments args, ToolCall call, ToolContext context) {
        ObjectNode data = HelmArgs.JSON.createObjectNode();
        data.put("namespace", args.namespace());
        ArrayNode releases = data.putArray("releases");
        List<String> argv = new ArrayList<>(List.of("list"));
        argv.addAll(targetFlags(call, args));
        argv.addAll(List.of("-o", "json"));
        ProcessOutcome outcome = runtime.helm(helm, call, context, lease -> argv);
        for (JsonNode r : HelmCalls.parse(outcome)) {
            String[] chart = HistoryEntry.splitChart(r.path("chart").asText(""));
            releases.add(entry(r.path("name").asText(""), r.path("namespace").asText(""),
                    r.path("revision").asInt(0), r.path("status").asText(""), chart[0], chart[1],
                    r.path("app_version").asText(""), r.path("updated").asText("")));
        }
        return HelmCalls.result(outcome, data, Map.of("releases", String.valueOf(releases.size())));
    }

    @Override
    protected ToolResult viaHttp(Arguments args, ToolCall call, ToolContext context) {
        ObjectNode data = HelmArgs.JSON.createObjectNode();
        data.put("namespace", args.namespace());
        ArrayNode releases = data.putArray("releases");
        String url = runtime.secretsUrl(call, args.namespace(), "owner%3Dhelm");
        Map<String, Secret> latest = runtime.http(call, url,
                c -> ReleaseSecrets.latestPerRelease(c, args.namespace()));
        for (Secret s : latest.values()) {
            HelmRelease r = HelmStatus.decode(s);
            if (LISTED.contains(r.status())) {
                releases.add(entry(r.name(), r.namespace(), r.revision(), r.status(), r.chart(), r.chartVersion(),
                        r.appVersion(), r.lastDeployed()));
            }
        }
        return runtime.httpResult(call, url, data, Map.of("releases", String.valueOf(releases.size())));
    }

    private static ObjectNode entry(String name, String namespace, int revision, String status, String chart,
                                    String chartVersion, String appVersion, String updated) {
        ObjectNode o = HelmArgs.JSON.createObjectNode();
        o.put("release", name);
        o.put("namespace", namespace);
        o.put("revision", revision);
        o.put("status", status);
        o.put("chart", chart);
        o.put("chartVersion", chartVersion);
        o.put("appVersion", appVersion);
        o.put("updated", updated);
        return o;
    }
}
