package io.carapulse.tools.argocd;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.family.Arg;
import io.carapulse.tools.transport.Selection;
import java.nio.file.Path;
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
public final class ArgoAppRollback extends ArgoAction<ArgoAppRollback.Arguments> {

    /** The arguments of {@code argocd.app-rollback}. */
    public record Arguments(
            @Arg(value = APP, pattern = APP_NAME) String app,
            @Arg(value = "the history id to roll back to (status.history[].id, see app-history)", min = 0,
                    max = Integer.MAX_VALUE) long id) implements OnApp {
    }

    public ArgoAppRollback(ArgoRuntime runtime) {
        super(runtime, "app-rollback", ActionClass.WRITE,
                "Roll an Argo CD application back to an entry of its deployment history (by history id)",
                Arguments.class, true, Set.of(Transport.CLI, Transport.HTTP), Duration.ofMinutes(10));
    }

    /** A rollback to the history id the app is at now. */
    @Override
    protected Optional<ToolCall> inverse(Arguments args, ToolCall call, ToolContext context) {
        ArgoRuntime.Read now = runtime.select(call, true) instanceof Selection.Cli cli
                ? runtime.read(cli.binary(), call, args.app(), context)
                : runtime.read(call, args.app(), true, context);
        OptionalLong current = now.view().historyId();
        if (current.isEmpty()) {
            throw new ToolException(ToolFailure.CONFLICT, "application " + args.app()
                    + " has no deployment history, so there is nothing to roll back to or from", now.evidence());
        }
        return Optional.of(same(call, new Arguments(args.app(), current.getAsLong())));
    }

    @Override
    protected ToolResult viaCli(Path argocd, Arguments args, ToolCall call, ToolContext context) {
        runtime.read(argocd, call, args.app(), context);
        ToolResult evidence = CliInvoker.result(runtime.argocd(argocd, call.environment(),
                List.of("app", "rollback", args.app(), Long.toString(args.id())), context), null, Map.of());
        return AfterWrite.readBack(call, evidence, () -> runtime.read(argocd, call, args.app(), context));
    }

    @Override
    protected ToolResult viaHttp(Arguments args, ToolCall call, ToolContext context) {
        runtime.read(call, args.app(), false, context);
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("id", args.id()).put("prune", false);
        ToolResult evidence = runtime.rest().post(call.environment(), args.app(), "rollback", body, context).evidence();
        return AfterWrite.readBack(call, evidence, () -> runtime.read(call, args.app(), false, context));
    }
}
