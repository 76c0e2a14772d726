package io.carapulse.tools.argocd;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.argocd.internal.ArgoApps;
import io.carapulse.tools.argocd.internal.ArgoSchemas;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.transport.Selection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code argocd.app-rollback}: redeploys the revision of an earlier entry of the application's
 * history ({@code argocd app rollback <app> <id>}, or {@code POST …/rollback}). Reversible: the
 * inverse is a rollback to the history id the app is at before the call.
 */
public final class ArgoAppRollback extends ArgoAction {

    private static final ActionDescriptor DESCRIPTOR = new ActionDescriptor("app-rollback", ActionClass.WRITE,
            "Roll an Argo CD application back to an entry of its deployment history (by history id)",
            schema(), true, Set.of(Transport.CLI, Transport.HTTP), Duration.ofMinutes(10));

    public ArgoAppRollback(ArgoApps apps) {
        super(apps, DESCRIPTOR);
    }

    private static ObjectNode schema() {
        ObjectNode p = ArgoSchemas.appProperty();
        p.putObject("id").put("type", "integer").put("minimum", 0).put("maximum", Integer.MAX_VALUE)
                .put("description", "the history id to roll back to (status.history[].id, see app-history)");
        ObjectNode s = ArgoSchemas.object(p);
        s.withArray("required").add("id");
        return s;
    }

    @Override
    public Optional<ToolCall> captureInverse(ToolCall call, ToolContext context) {
        ArgoApps.Read now = apps.read(apps.select(true), call, context, true);
        OptionalLong current = now.view().historyId();
        if (current.isEmpty()) {
            throw new ToolException(ToolFailure.CONFLICT, "application " + ArgoApps.app(call)
                    + " has no deployment history, so there is nothing to roll back to or from", now.evidence());
        }
        ObjectNode args = JsonNodeFactory.instance.objectNode()
                .put("app", ArgoApps.app(call)).put("id", current.getAsLong());
        return Optional.of(new ToolCall(call.tool(), DESCRIPTOR.name(), args, call.environment()));
    }

    @Override
    public ToolResult execute(ToolCall call, ToolContext context) {
        String app = ArgoApps.app(call);
        long id = call.args().path("id").asLong();
        Selection selection = apps.select(true);
        apps.read(selection, call, context, false);
        ToolResult evidence;
        if (selection instanceof Selection.Cli cli) {
            evidence = CliInvoker.result(apps.run(cli, call.environment(),
                    List.of("app", "rollback", app, Long.toString(id)), context), null, Map.of());
        } else {
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("id", id).put("prune", false);
            evidence = apps.rest().post(call.environment(), app, "rollback", body, context).evidence();
        }
        return AfterWrite.readBack(apps, selection, call, context, evidence);
    }
}
