package io.carapulse.tools.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
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
import io.carapulse.tools.transport.Selection;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code kubectl.scale} (WRITE, reversible): sets the replica count of a deployment or statefulset.
 * The inverse is a {@code scale} to the count read before. Evidence: identity, resourceVersion and
 * generation before → after. Data: {@code {kind, name, namespace, replicas, before, after}}.
 */
public final class KubectlScale extends KubectlAction<KubectlScale.Arguments> {

    /** The arguments of {@code kubectl.scale}. */
    public record Arguments(
            @Arg(value = NAMESPACE, pattern = Args.LABEL, maxLength = 63) String namespace,
            @Arg(value = "object kind", only = {"deployment", "statefulset"}) Kind kind,
            @Arg(value = "object name", pattern = Args.NAME, maxLength = 253) String name,
            @Arg(value = "desired replicas", min = 0, max = 1000) int replicas) implements Namespaced {
    }


    public KubectlScale(KubectlRuntime runtime) {
        super(runtime, "scale", ActionClass.WRITE,
                "Set the replica count of a deployment or statefulset (0..1000); reversible to the count read before",
                Arguments.class, true, Set.of(Transport.CLI, Transport.HTTP), Duration.ofSeconds(60));
    }

    @Override
    protected Optional<ToolCall> inverse(Arguments args, ToolCall call, ToolContext context) {
        String namespace = args.namespace();
        Kind kind = args.kind();
        String name = args.name();
        JsonNode now = runtime.select(call, true) instanceof Selection.Cli c
                ? runtime.getJson(c.binary(), call, namespace, kind, name, context)
                : runtime.api(call, true, "GET", kind.path(namespace, name),
                    client -> KubeJson.tree(client.resources(kind.model()).inNamespace(namespace).withName(name)
                            .require()));
        JsonNode replicas = now.path("spec").path("replicas");
        return Optional.of(same(call, new Arguments(namespace, kind, name,
                replicas.isIntegralNumber() ? replicas.asInt() : 1)));
    }

    @Override
    protected ToolResult viaCli(Path kubectl, Arguments args, ToolCall call, String namespace, ToolContext context) {
        Kind kind = args.kind();
        String name = args.name();
        int replicas = args.replicas();
        JsonNode before = runtime.getJson(kubectl, call, namespace, kind, name, context);
        var outcome = runtime.kubectl(kubectl, call, namespace,
                List.of("scale", kind.arg() + "/" + name, "--replicas=" + replicas), context);
        JsonNode after = runtime.getJson(kubectl, call, namespace, kind, name, context);
        ObjectNode data = data(kind, namespace, name, replicas, before, after);
        return KubectlRuntime.cliResult(outcome, outcome.stdout(), data, KubeJson.writeEvidence(before, after));
    }

    @Override
    protected ToolResult viaHttp(Arguments args, ToolCall call, String namespace, ToolContext context) {
        Kind kind = args.kind();
        String name = args.name();
        int replicas = args.replicas();
        String path = kind.path(namespace, name) + "/scale";
        JsonNode[] sides = runtime.api(call, false, "PUT", path, client -> {
            RollableScalableResource<? extends HasMetadata> resource = kind == Kind.DEPLOYMENT
                    ? client.apps().deployments().inNamespace(namespace).withName(name)
                    : client.apps().statefulSets().inNamespace(namespace).withName(name);
            JsonNode before = KubeJson.tree(resource.require());
            // the scale subresource read now carries its resourceVersion: a concurrent change is a 409
            Scale scale = resource.scale();
            scale.getSpec().setReplicas(replicas);
            resource.scale(scale);
            return new JsonNode[]{before, KubeJson.tree(resource.require())};
        });
        ObjectNode data = data(kind, namespace, name, replicas, sides[0], sides[1]);
        return runtime.httpResult(call, "PUT", path, kind.arg() + "/" + name + " scaled to " + replicas, data,
                KubeJson.writeEvidence(sides[0], sides[1]));
    }

    private static ObjectNode data(Kind kind, String namespace, String name, int replicas, JsonNode before,
                                   JsonNode after) {
        if (after.path("spec").path("replicas").asInt(-1) != replicas) {
            throw new ToolException(ToolFailure.TOOL_FAILED, kind.arg() + "/" + name + " reads " + after.path("spec").path("replicas")
                    + " replicas after scaling to " + replicas, null);
        }
        ObjectNode data = KubectlRuntime.object().put("kind", kind.arg()).put("name", name).put("namespace", namespace)
                .put("replicas", replicas);
        data.set("before", KubeJson.version(before));
        data.set("after", KubeJson.version(after));
        return data;
    }
}
