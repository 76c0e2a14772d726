package io.carapulse.tools.argocd;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.family.Arg;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code argocd.app-diff}: the difference between Git and the live state
 * ({@code argocd app diff <app>}). CLI only: diffing managed resources is the CLI's job, the REST
 * API has no endpoint for it. Exit 1 means "differences found" and is a success; 2 or more is a
 * failure. Data: {@code {"differences": true}}.
 */
public final class ArgoAppDiff extends ArgoAction<ArgoAppDiff.Arguments> {

    /** The arguments of {@code argocd.app-diff}. */
    public record Arguments(@Arg(value = APP, pattern = APP_NAME) String app) implements OnApp {
    }

    public ArgoAppDiff(ArgoRuntime runtime) {
        super(runtime, "app-diff", ActionClass.READ,
                "Show the differences between an Argo CD application's Git state and its live state",
                Arguments.class, false, Set.of(Transport.CLI), Duration.ofMinutes(2));
    }

    @Override
    protected ToolResult viaCli(Path argocd, Arguments args, ToolCall call, ToolContext context) {
        runtime.read(argocd, call, args.app(), context);
        ToolResult evidence;
        boolean differences;
        try {
            evidence = CliInvoker.result(runtime.argocd(argocd, call.environment(), List.of("app", "diff", args.app()),
                    context), null, Map.of());
            differences = false;
        } catch (ToolException e) {
            ToolResult partial = e.partial().orElse(null);
            if (partial == null || partial.exitCode() == null || partial.exitCode() != 1) {
                throw e;
            }
            evidence = partial;
            differences = true;
        }
        return ArgoRuntime.withData(evidence, JsonNodeFactory.instance.objectNode().put("differences", differences),
                Map.of());
    }
}
