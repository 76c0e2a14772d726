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
import io.carapulse.tools.kubectl.internal.RolloutState;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code kubectl.rollout-status} (READ): waits up to {@code timeoutSeconds} for a deployment,
 * statefulset or daemonset rollout to complete. Data ({@link RolloutState}):
 * {@code {ready, replicas, updatedReplicas, readyReplicas, availableReplicas, observedGeneration,
 * generation, message}}. A rollout that does not complete in time is a failure ({@code timed_out}
 * over HTTP; kubectl's own timeout message maps to {@code unavailable}).
 */
public final class KubectlRolloutStatus extends KubectlAction<KubectlRolloutStatus.Arguments> {

    /** The arguments of {@code kubectl.rollout-status}. */
    public record Arguments(
            @Arg(value = NAMESPACE, pattern = Args.LABEL, maxLength = 63) String namespace,
            @Arg(value = "object kind", only = {"deployment", "statefulset", "daemonset"}) Kind kind,
            @Arg(value = "object name", pattern = Args.NAME, maxLength = 253) String name,
            @Arg(value = "how long to wait (default 300)", min = 1, max = 1800) Optional<Integer> timeoutSeconds) implements Namespaced {
    }


    static final int DEFAULT_TIMEOUT_SECONDS = 300;
    private static final long POLL_MILLIS = 2000;

    public KubectlRolloutStatus(KubectlRuntime runtime) {
        super(runtime, "rollout-status", ActionClass.READ,
                "Wait for a deployment/statefulset/daemonset rollout to complete and report its replica counts",
                Arguments.class, false, Set.of(Transport.CLI, Transport.HTTP), Duration.ofMinutes(31));
    }

    @Override
    protected ToolResult viaCli(Path kubectl, Arguments args, ToolCall call, String namespace, ToolContext context) {
        Kind kind = args.kind();
        String name = args.name();
        int timeout = args.timeoutSeconds().orElse(DEFAULT_TIMEOUT_SECONDS);
        var outcome = runtime.kubectl(kubectl, call, namespace,
                List.of("rollout", "status", kind.arg() + "/" + name, "--timeout=" + timeout + "s"), context);
        JsonNode object = runtime.getJson(kubectl, call, namespace, kind, name, context);
        return KubectlRuntime.cliResult(outcome, outcome.stdout(), RolloutState.of(kind, object),
                KubeJson.identity(object));
    }

    @Override
    protected ToolResult viaHttp(Arguments args, ToolCall call, String namespace, ToolContext context) {
        Kind kind = args.kind();
        String name = args.name();
        int timeout = args.timeoutSeconds().orElse(DEFAULT_TIMEOUT_SECONDS);
        String path = kind.path(namespace, name);
        Instant until = Instant.now().plusSeconds(timeout);
        if (until.isAfter(context.deadline())) {
            until = context.deadline();
        }
        while (true) {
            JsonNode object = runtime.api(call, true, "GET", path,
                    client -> KubeJson.tree(client.resources(kind.model()).inNamespace(namespace).withName(name).require()));
            ObjectNode state = RolloutState.of(kind, object);
            if (state.get("ready").asBoolean()) {
                return runtime.httpResult(call, "GET", path, kind.arg() + " \"" + name + "\" successfully rolled out",
                        state, KubeJson.identity(object));
            }
            if (!Instant.now().plusMillis(POLL_MILLIS).isBefore(until) || context.cancellation().isCancelled()) {
                ToolResult partial = runtime.httpResult(call, "GET", path, state.get("message").asText(), state,
                        KubeJson.identity(object));
                throw new ToolException(context.cancellation().isCancelled() ? ToolFailure.CANCELLED : ToolFailure.TIMED_OUT,
                        kind.arg() + "/" + name + " did not finish rolling out: " + state.get("message").asText(),
                        partial);
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException(ToolFailure.CANCELLED, "interrupted while waiting for the rollout", null, e);
        }
    }
}
