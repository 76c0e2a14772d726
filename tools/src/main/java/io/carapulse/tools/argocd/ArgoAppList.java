package io.carapulse.tools.argocd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.argocd.internal.AppView;
import io.carapulse.tools.argocd.internal.ArgoRestClient;
import io.carapulse.tools.cli.CliInvoker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code argocd.app-list}: the applications of the environment's projects only
 * ({@code argocd app list -o json --project <p>…}, or {@code GET /api/v1/applications?projects=<p>…}),
 * filtered again by {@code spec.project} so nothing of another project is shown (S6).
 * Data: {@code {"applications": [{"name", "project", "health", "sync", "revision"}]}}.
 */
public final class ArgoAppList extends ArgoAction<ArgoAppList.Arguments> {

    /** {@code argocd.app-list} takes no arguments: the projects come from the inventory. */
    public record Arguments() implements Args {
    }

    public ArgoAppList(ArgoRuntime runtime) {
        super(runtime, "app-list", ActionClass.READ,
                "List the Argo CD applications of the environment's projects with their health and sync status",
                Arguments.class, false, Set.of(Transport.CLI, Transport.HTTP), Duration.ofMinutes(1));
    }

    @Override
    protected ToolResult viaCli(Path argocd, Arguments args, ToolCall call, ToolContext context) {
        String env = call.environment();
        List<String> argv = new ArrayList<>(List.of("app", "list", "-o", "json"));
        runtime.targets().projects(env).stream().sorted().forEach(p -> {
            argv.add("--project");
            argv.add(p);
        });
        var outcome = runtime.argocd(argocd, env, argv, context);
        ToolResult evidence = CliInvoker.result(outcome, null, Map.of());
        return listed(env, evidence, ArgoRuntime.parse(outcome.stdout(), evidence));
    }

    @Override
    protected ToolResult viaHttp(Arguments args, ToolCall call, ToolContext context) {
        ArgoRestClient.Reply reply = runtime.rest().listApps(call.environment(), context);
        // the API answers "items": null when there are none
        return listed(call.environment(), reply.evidence(), reply.json().path("items"));
    }

    private ToolResult listed(String env, ToolResult evidence, JsonNode items) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        ArrayNode out = data.putArray("applications");
        for (JsonNode item : items) {
            AppView view = new AppView(item);
            if (runtime.targets().allowsProject(env, view.project())) {
                out.addObject().put("name", view.name()).put("project", view.project()).put("health", view.health())
                        .put("sync", view.sync()).put("revision", view.revision());
            }
        }
        return ArgoRuntime.withData(evidence, data, Map.of());
    }
}
