package io.carapulse.tools.argocd;

import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.argocd.internal.ArgoApps;
import io.carapulse.tools.argocd.internal.ArgoSchemas;
import java.time.Duration;
import java.util.Set;

/**
 * {@code argocd.app-get}: one application's project, health, sync status, revision and last
 * operation ({@code argocd app get <app> -o json}, or {@code GET /api/v1/applications/{name}}).
 */
public final class ArgoAppGet extends ArgoAction {

    private static final ActionDescriptor DESCRIPTOR = new ActionDescriptor("app-get", ActionClass.READ,
            "Show an Argo CD application's health, sync status, revision and last operation",
            ArgoSchemas.object(ArgoSchemas.appProperty()), false, Set.of(Transport.CLI, Transport.HTTP),
            Duration.ofMinutes(1));

    public ArgoAppGet(ArgoApps apps) {
        super(apps, DESCRIPTOR);
    }

    @Override
    public ToolResult execute(ToolCall call, ToolContext context) {
        ArgoApps.Read read = apps.read(apps.select(true), call, context, true);
        return ArgoSchemas.withData(read.evidence(), read.view().data(), read.view().externalIds());
    }
}
