package io.carapulse.tools.argocd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.argocd.internal.ArgoApps;
import io.carapulse.tools.argocd.internal.ArgoSchemas;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.transport.Selection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code argocd.app-sync}: syncs an application of the environment's projects, optionally to a
 * revision, with prune and dry-run off unless asked. The app is read first and refused when its
 * project is not the environment's (S6); after the sync it is read again, and the evidence holds the
 * synced revision, the operation's start, the history id, health and sync status (S8).
 */
public final class ArgoAppSync extends ArgoAction {

    private static final ActionDescriptor DESCRIPTOR = new ActionDescriptor("app-sync", ActionClass.WRITE,
            "Sync an Argo CD application (optionally to a revision; prune and dry-run are off unless asked)",
            schema(), false, Set.of(Transport.CLI, Transport.HTTP), Duration.ofMinutes(10));

    public ArgoAppSync(ArgoApps apps) {
        super(apps, DESCRIPTOR);
    }

    private static ObjectNode schema() {
        ObjectNode p = ArgoSchemas.appProperty();
        p.putObject("revision").put("type", "string").put("pattern", ArgoSchemas.REVISION)
                .put("description", "the revision to sync to; default: the app's target revision");
        p.putObject("prune").put("type", "boolean").put("default", false)
                .put("description", "delete resources that are no longer in Git");
        p.putObject("dryRun").put("type", "boolean").put("default", false)
                .put("description", "preview the sync without changing anything");
        return ArgoSchemas.object(p);
    }

    @Override
    public ToolResult execute(ToolCall call, ToolContext context) {
        String app = ArgoApps.app(call);
        JsonNode args = call.args();
        Selection selection = apps.select(true);
        apps.read(selection, call, context, false);
        ToolResult evidence;
        if (selection instanceof Selection.Cli cli) {
            List<String> argv = new ArrayList<>(List.of("app", "sync", app));
            if (args.hasNonNull("revision")) {
                argv.add("--revision");
                argv.add(args.get("revision").asText());
            }
            if (args.path("prune").asBoolean(false)) {
                argv.add("--prune");
            }
            if (args.path("dryRun").asBoolean(false)) {
                argv.add("--dry-run");
            }
            evidence = CliInvoker.result(apps.run(cli, call.environment(), argv, context), null, Map.of());
        } else {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            if (args.hasNonNull("revision")) {
                body.put("revision", args.get("revision").asText());
            }
            body.put("prune", args.path("prune").asBoolean(false));
            body.put("dryRun", args.path("dryRun").asBoolean(false));
            evidence = apps.rest().post(call.environment(), app, "sync", body, context).evidence();
        }
        return AfterWrite.readBack(apps, selection, call, context, evidence);
    }
}
