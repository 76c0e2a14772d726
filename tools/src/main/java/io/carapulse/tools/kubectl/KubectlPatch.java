package io.carapulse.tools.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import java.util.Optional;
import io.carapulse.tools.family.ToolArgs;
import io.carapulse.tools.family.Arg;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.kubectl.internal.Args;
import io.carapulse.tools.kubectl.internal.Kind;
import io.carapulse.tools.kubectl.internal.KubeJson;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code kubectl.patch} (BREAK_GLASS, not reversible): a strategic merge patch, given as a JSON
 * object, on one allowlisted object. Not reversible: a strategic merge patch has no general inverse
 * (list merges, deletions by {@code $patch} directives), so no precise inverse can be captured.
 * The patch travels as ONE argument {@code --patch=<json>} (S5). Evidence: identity, resourceVersion
 * and generation before → after. Data: {@code {kind, name, namespace, before, after}}.
 */
public final class KubectlPatch extends KubectlAction<KubectlPatch.Arguments> {

    /** The arguments of {@code kubectl.patch}. */
    public record Arguments(
            @Arg(value = NAMESPACE, pattern = Args.LABEL, maxLength = 63) String namespace,
            @Arg(value = "object kind") Kind kind,
            @Arg(value = "object name", pattern = Args.NAME, maxLength = 253) String name,
            @Arg("strategic merge patch as a JSON object") ObjectNode patch) implements Namespaced {
    }


    public KubectlPatch(KubectlRuntime runtime) {
        super(runtime, "patch", ActionClass.BREAK_GLASS,
                "Break-glass: apply a strategic merge patch (a JSON object) to one object; not reversible",
                Arguments.class, false, Set.of(Transport.CLI, Transport.HTTP), Duration.ofSeconds(60));
    }


    @Override
    protected ToolResult viaCli(Path kubectl, Arguments args, ToolCall call, String namespace, ToolContext context) {
        Kind kind = args.kind();
        String name = args.name();
        String patch = args.patch().toString();
        JsonNode before = runtime.getJson(kubectl, call, namespace, kind, name, context);
        var outcome = runtime.kubectl(kubectl, call, namespace,
                List.of("patch", kind.arg(), name, "--type=strategic", "--patch=" + patch), context);
        JsonNode after = runtime.getJson(kubectl, call, namespace, kind, name, context);
        return KubectlRuntime.cliResult(outcome, outcome.stdout(), data(kind, namespace, name, before, after),
                KubeJson.writeEvidence(before, after));
    }

    @Override
    protected ToolResult viaHttp(Arguments args, ToolCall call, String namespace, ToolContext context) {
        Kind kind = args.kind();
        String name = args.name();
        String patch = args.patch().toString();
        String path = kind.path(namespace, name);
        JsonNode[] sides = runtime.api(call, false, "PATCH", path, client -> {
            var resource = client.resources(kind.model()).inNamespace(namespace).withName(name);
            JsonNode before = KubeJson.tree(resource.require());
            JsonNode after = KubeJson.tree(resource.patch(PatchContext.of(PatchType.STRATEGIC_MERGE), patch));
            return new JsonNode[]{before, after};
        });
        return runtime.httpResult(call, "PATCH", path, kind.arg() + "/" + name + " patched",
                data(kind, namespace, name, sides[0], sides[1]), KubeJson.writeEvidence(sides[0], sides[1]));
    }


    private static ObjectNode data(Kind kind, String namespace, String name, JsonNode before, JsonNode after) {
        ObjectNode data = KubectlRuntime.object().put("kind", kind.arg()).put("name", name).put("namespace", namespace);
        data.set("before", KubeJson.version(before));
        data.set("after", KubeJson.version(after));
        return data;
    }
}
