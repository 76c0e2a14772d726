package io.carapulse.tools.argocd;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.family.Arg;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code argocd.app-sync}: syncs an application of the environment's projects, optionally to a
 * revision, with prune and dry-run off unless asked. The app is read first and refused when its
 * project is not the environment's (S6); after the sync it is read again, and the evidence holds the
 * synced revision, the operation's start, the history id, health and sync status (S8).
 */
public final class ArgoAppSync extends ArgoAction<ArgoAppSync.Arguments> {

    /** The arguments of {@code argocd.app-sync}. */
    public record Arguments(
            @Arg(value = APP, pattern = APP_NAME) String app,
            @Arg(value = "the revision to sync to; default: the app's target revision", pattern = REVISION)
            Optional<String> revision,
            @Arg("delete resources that are no longer in Git (default false)") Optional<Boolean> prune,
            @Arg("preview the sync without changing anything (default false)") Optional<Boolean> dryRun)
            implements OnApp {

        boolean pruning() {
            return prune.orElse(false);
        }

        boolean dryRunning() {
            return dryRun.orElse(false);
        }
    }

    public ArgoAppSync(ArgoRuntime runtime) {
        super(runtime, "app-sync", ActionClass.WRITE,
                "Sync an Argo CD application (optionally to a revision; prune and dry-run are off unless asked)",
                Arguments.class, false, Set.of(Transport.CLI, Transport.HTTP), Duration.ofMinutes(10));
    }

    @Override
    protected ToolResult viaCli(Path argocd, Arguments args, ToolCall call, ToolContext context) {
        runtime.read(argocd, call, args.app(), context);
        List<String> argv = new ArrayList<>(List.of("app", "sync", args.app()));
        args.revision().ifPresent(r -> {
            argv.add("--revision");
            argv.add(r);
        });
        if (args.pruning()) {
            argv.add("--prune");
        }
        if (args.dryRunning()) {
            argv.add("--dry-run");
        }
        ToolResult evidence = CliInvoker.result(runtime.argocd(argocd, call.environment(), argv, context), null,
                Map.of());
        return AfterWrite.readBack(call, evidence, () -> runtime.read(argocd, call, args.app(), context));
    }

    @Override
    protected ToolResult viaHttp(Arguments args, ToolCall call, ToolContext context) {
        runtime.read(call, args.app(), false, context);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        args.revision().ifPresent(r -> body.put("revision", r));
        body.put("prune", args.pruning());
        body.put("dryRun", args.dryRunning());
        ToolResult evidence = runtime.rest().post(call.environment(), args.app(), "sync", body, context).evidence();
        return AfterWrite.readBack(call, evidence, () -> runtime.read(call, args.app(), false, context));
    }
}
