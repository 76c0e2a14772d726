package io.carapulse.tools.argocd;

import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.family.Arg;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * {@code argocd.app-get}: one application's project, health, sync status, revision and last
 * operation ({@code argocd app get <app> -o json}, or {@code GET /api/v1/applications/{name}}).
 */
public final class ArgoAppGet extends ArgoAction<ArgoAppGet.Arguments> {

    /** The arguments of {@code argocd.app-get}. */
    public record Arguments(@Arg(value = APP, pattern = APP_NAME) String app) implements OnApp {
    }

    public ArgoAppGet(ArgoRuntime runtime) {
        super(runtime, "app-get", ActionClass.READ,
                "Show an Argo CD application's health, sync status, revision and last operation",
                Arguments.class, false, Set.of(Transport.CLI, Transport.HTTP), Duration.ofMinutes(1));
    }

    @Override
    protected ToolResult viaCli(Path argocd, Arguments args, ToolCall call, ToolContext context) {
        return ArgoRuntime.state(runtime.read(argocd, call, args.app(), context));
    }

    @Override
    protected ToolResult viaHttp(Arguments args, ToolCall call, ToolContext context) {
        return ArgoRuntime.state(runtime.read(call, args.app(), true, context));
    }
}
