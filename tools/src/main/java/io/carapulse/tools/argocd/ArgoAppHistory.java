package io.carapulse.tools.argocd;

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
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * {@code argocd.app-history}: the application's deployment history, the ids {@code app-rollback}
 * takes. Read from the application's {@code status.history} on both transports
 * ({@code argocd app get <app> -o json}, {@code GET /api/v1/applications/{name}}): the CLI's
 * {@code app history} prints only a table. Data:
 * {@code {"history": [{"id", "revision", "deployedAt"}], "currentId": 3}}.
 */
public final class ArgoAppHistory extends ArgoAction {

    private static final ActionDescriptor DESCRIPTOR = new ActionDescriptor("app-history", ActionClass.READ,
            "Show an Argo CD application's deployment history (the ids app-rollback takes)",
            ArgoSchemas.object(ArgoSchemas.appProperty()), false, Set.of(Transport.CLI, Transport.HTTP),
            Duration.ofMinutes(1));

    public ArgoAppHistory(ArgoApps apps) {
        super(apps, DESCRIPTOR);
    }

    @Override
    public ToolResult execute(ToolCall call, ToolContext context) {
        ArgoApps.Read read = apps.read(apps.select(true), call, context, true);
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.set("history", read.view().history());
        read.view().historyId().ifPresentOrElse(id -> data.put("currentId", id), () -> data.putNull("currentId"));
        return ArgoSchemas.withData(read.evidence(), data,
                read.view().historyId().isPresent()
                        ? Map.of("historyId", Long.toString(read.view().historyId().getAsLong())) : Map.of());
    }
}
