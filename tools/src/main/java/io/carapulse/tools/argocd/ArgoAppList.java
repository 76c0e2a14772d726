package io.carapulse.tools.argocd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.argocd.internal.AppView;
import io.carapulse.tools.argocd.internal.ArgoApps;
import io.carapulse.tools.argocd.internal.ArgoRestClient;
import io.carapulse.tools.argocd.internal.ArgoSchemas;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.transport.Selection;
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
public final class ArgoAppList extends ArgoAction {

    private static final ActionDescriptor DESCRIPTOR = new ActionDescriptor("app-list", ActionClass.READ,
            "List the Argo CD applications of the environment's projects with their health and sync status",
            ArgoSchemas.object(JsonNodeFactory.instance.objectNode()), false, Set.of(Transport.CLI, Transport.HTTP),
            Duration.ofMinutes(1));

    public ArgoAppList(ArgoApps apps) {
        super(apps, DESCRIPTOR);
    }

    @Override
    public ToolResult execute(ToolCall call, ToolContext context) {
        String env = call.environment();
        Selection selection = apps.select(true);
        ToolResult evidence;
        JsonNode items;
        if (selection instanceof Selection.Cli cli) {
            List<String> argv = new ArrayList<>(List.of("app", "list", "-o", "json"));
            apps.targets().projects(env).stream().sorted().forEach(p -> {
                argv.add("--project");
                argv.add(p);
            });
            var outcome = apps.run(cli, env, argv, context);
            evidence = CliInvoker.result(outcome, null, Map.of());
            items = ArgoApps.parse(outcome.stdout(), evidence);
        } else {
            ArgoRestClient.Reply reply = apps.rest().listApps(env, context);
            evidence = reply.evidence();
            items = reply.json().path("items"); // the API answers "items": null when there are none
        }
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        ArrayNode out = data.putArray("applications");
        for (JsonNode item : items) {
            AppView view = new AppView(item);
            if (apps.targets().allowsProject(env, view.project())) {
                out.addObject().put("name", view.name()).put("project", view.project()).put("health", view.health())
                        .put("sync", view.sync()).put("revision", view.revision());
            }
        }
        return ArgoSchemas.withData(evidence, data, Map.of());
    }
}
