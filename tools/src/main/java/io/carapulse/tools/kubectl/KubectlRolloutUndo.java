package io.carapulse.tools.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import java.util.Optional;
import io.carapulse.tools.family.ToolArgs;
import io.carapulse.tools.family.Arg;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.kubectl.internal.Args;
import io.carapulse.tools.kubectl.internal.Kind;
import io.carapulse.tools.kubectl.internal.KubeJson;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code kubectl.rollout-undo} (WRITE, CLI only): rolls a deployment back to its previous revision,
 * or to {@code toRevision}. Not reversible in this version: undoing an undo means knowing the
 * revision that was current before, and kubectl renumbers revisions on every rollback, so a stored
 * inverse could point at the wrong template. No HTTP path: kubectl computes the rollback from the
 * deployment's ReplicaSet history client-side; without kubectl the call says to install it.
 * Evidence: identity, resourceVersion and generation before → after.
 */
public final class KubectlRolloutUndo extends KubectlAction<KubectlRolloutUndo.Arguments> {

    /** The arguments of {@code kubectl.rollout-undo}. */
    public record Arguments(
            @Arg(value = NAMESPACE, pattern = Args.LABEL, maxLength = 63) String namespace,
            @Arg(value = "deployment name", pattern = Args.NAME, maxLength = 253) String name,
            @Arg(value = "revision to roll back to (default: the previous one)", min = 1, max = 1000000) Optional<Integer> toRevision) implements Namespaced {
    }


    public KubectlRolloutUndo(KubectlRuntime runtime) {
        super(runtime, "rollout-undo", ActionClass.WRITE,
                "Roll a deployment back to its previous (or a given) revision; not reversible; needs the kubectl binary",
                Arguments.class, false, Set.of(Transport.CLI), Duration.ofSeconds(60));
    }


    @Override
    protected ToolResult viaCli(Path kubectl, Arguments args, ToolCall call, String namespace, ToolContext context) {
        String name = args.name();
        List<String> verb = new ArrayList<>(List.of("rollout", "undo", "deployment/" + name));
        args.toRevision().ifPresent(r -> verb.add("--to-revision=" + r));
        JsonNode before = runtime.getJson(kubectl, call, namespace, Kind.DEPLOYMENT, name, context);
        var outcome = runtime.kubectl(kubectl, call, namespace, verb, context);
        JsonNode after = runtime.getJson(kubectl, call, namespace, Kind.DEPLOYMENT, name, context);
        ObjectNode data = KubectlRuntime.object().put("kind", "deployment").put("name", name).put("namespace", namespace);
        data.set("before", KubeJson.version(before));
        data.set("after", KubeJson.version(after));
        return KubectlRuntime.cliResult(outcome, outcome.stdout(), data, KubeJson.writeEvidence(before, after));
    }

    @Override
    protected ToolResult viaHttp(Arguments args, ToolCall call, String namespace, ToolContext context) {
        // unreachable: the selector never picks HTTP for an action without an HTTP path
        throw new ToolException(ToolFailure.TRANSPORT_UNAVAILABLE, "rollout-undo needs the kubectl binary; install kubectl", null);
    }
}
