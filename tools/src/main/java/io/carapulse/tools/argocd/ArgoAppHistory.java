package io.carapulse.tools.argocd;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.family.Arg;
import java.nio.file.Path;
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
public final class ArgoAppHistory extends ArgoAction<ArgoAppHistory.Arguments> {

    /** The arguments of {@code argocd.app-history}. */
    public record Arguments(@Arg(value = APP, pattern = APP_NAME) String app) implements OnApp {
    }

    public ArgoAppHistory(ArgoRuntime runtime) {
        super(runtime, "app-history", ActionClass.READ,
                "Show an Argo CD application's deployment history (the ids app-rollback takes)",
                Arguments.class, false, Set.of(Transport.CLI, Transport.HTTP), Duration.ofMinutes(1));
    }

    @Override
    protected ToolResult viaCli(Path argocd, Arguments args, ToolCall call, ToolContext context) {
        return history(runtime.read(argocd, call, args.app(), context));
    }

    @Override
    protected ToolResult viaHttp(Arguments args, ToolCall call, ToolContext context) {
        return history(runtime.read(call, args.app(), true, context));
    }

    private static ToolResult history(ArgoRuntime.Read read) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.set("history", read.view().history());
        read.view().historyId().ifPresentOrElse(id -> data.put("currentId", id), () -> data.putNull("currentId"));
        return ArgoRuntime.withData(read.evidence(), data,
                read.view().historyId().isPresent()
                        ? Map.of("historyId", Long.toString(read.view().historyId().getAsLong())) : Map.of());
    }
}
