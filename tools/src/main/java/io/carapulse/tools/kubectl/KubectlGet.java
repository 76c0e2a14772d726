package io.carapulse.tools.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.tools.family.ToolArgs;
import io.carapulse.tools.family.Arg;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.kubectl.internal.Args;
import io.carapulse.tools.kubectl.internal.Kind;
import io.carapulse.tools.kubectl.internal.KubeJson;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code kubectl.get} (READ): one object, or every object of a kind, in an inventory namespace, as
 * JSON. Only the allowlisted kinds ({@link Kind}; never secrets); a configmap shows its keys, not its
 * values. Data: the object, or {@code {kind: "List", items: [...]}}.
 */
public final class KubectlGet extends KubectlAction<KubectlGet.Arguments> {

    /** The arguments of {@code kubectl.get}. */
    public record Arguments(
            @Arg(value = NAMESPACE, pattern = Args.LABEL, maxLength = 63) String namespace,
            @Arg(value = "object kind") Kind kind,
            @Arg(value = "object name; omit to list the kind", pattern = Args.NAME, maxLength = 253) Optional<String> name) implements Namespaced {
    }


    public KubectlGet(KubectlRuntime runtime) {
        super(runtime, "get", ActionClass.READ,
                "Read one object, or all objects of a kind, in a namespace as JSON (configmaps: keys only; no secrets)",
                Arguments.class, false, Set.of(Transport.CLI, Transport.HTTP), Duration.ofSeconds(60));
    }

    @Override
    protected ToolResult viaCli(Path kubectl, Arguments args, ToolCall call, String namespace, ToolContext context) {
        Kind kind = args.kind();
        Optional<String> name = args.name();
        List<String> verb = new ArrayList<>(List.of("get", kind.arg()));
        name.ifPresent(verb::add);
        verb.addAll(List.of("-o", "json"));
        var outcome = runtime.kubectl(kubectl, call, namespace, verb, context);
        JsonNode data = KubeJson.withoutConfigValues(KubeJson.parse(outcome.stdout()));
        return KubectlRuntime.cliResult(outcome, KubeJson.write(data), data, ids(data));
    }

    @Override
    protected ToolResult viaHttp(Arguments args, ToolCall call, String namespace, ToolContext context) {
        Kind kind = args.kind();
        Optional<String> name = args.name();
        String path = kind.path(namespace, name.orElse(null));
        JsonNode raw = runtime.api(call, true, "GET", path, client -> {
            var ops = client.resources(kind.model()).inNamespace(namespace);
            if (name.isPresent()) {
                HasMetadata o = ops.withName(name.get()).get();
                if (o == null) {
                    throw new io.fabric8.kubernetes.client.KubernetesClientException(
                            kind.arg() + " " + name.get() + " not found", 404, null);
                }
                return KubeJson.tree(o);
            }
            ObjectNode list = KubectlRuntime.object().put("apiVersion", "v1").put("kind", "List");
            var items = list.putArray("items");
            ops.list().getItems().forEach(i -> items.add(KubeJson.tree(i)));
            return list;
        });
        JsonNode data = KubeJson.withoutConfigValues(raw);
        return runtime.httpResult(call, "GET", path, KubeJson.write(data), data, ids(data));
    }

    private static Map<String, String> ids(JsonNode data) {
        return data.has("items") ? Map.of("count", String.valueOf(data.get("items").size())) : KubeJson.identity(data);
    }
}
