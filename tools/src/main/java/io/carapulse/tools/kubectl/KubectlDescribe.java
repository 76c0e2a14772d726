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

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code kubectl.describe} (READ): kubectl's human summary of one object and its events. Configmaps
 * are excluded, since {@code describe} prints their values. Over HTTP there is no server-side
 * describe, so the adapter renders a short summary of the object (identity, labels, replica counts,
 * conditions) and its events, and says that it is a Carapulse rendering. Data:
 * {@code {kind, name, namespace, renderer: "kubectl"|"carapulse"}}.
 */
public final class KubectlDescribe extends KubectlAction<KubectlDescribe.Arguments> {

    /** The arguments of {@code kubectl.describe}. */
    public record Arguments(
            @Arg(value = NAMESPACE, pattern = Args.LABEL, maxLength = 63) String namespace,
            @Arg(value = "object kind", only = {"deployment", "statefulset", "daemonset", "replicaset", "pod", "service", "job", "cronjob", "ingress", "hpa"}) Kind kind,
            @Arg(value = "object name", pattern = Args.NAME, maxLength = 253) String name) implements Namespaced {
    }



    public KubectlDescribe(KubectlRuntime runtime) {
        super(runtime, "describe", ActionClass.READ,
                "Describe one object and its recent events as text (not configmaps)",
                Arguments.class, false, Set.of(Transport.CLI, Transport.HTTP), Duration.ofSeconds(60));
    }

    @Override
    protected ToolResult viaCli(Path kubectl, Arguments args, ToolCall call, String namespace, ToolContext context) {
        Kind kind = args.kind();
        String name = args.name();
        var outcome = runtime.kubectl(kubectl, call, namespace, List.of("describe", kind.arg(), name), context);
        return io.carapulse.tools.cli.CliInvoker.result(outcome, data(kind, namespace, name, "kubectl"),
                java.util.Map.of("kind", kind.apiKind(), "namespace", namespace, "name", name));
    }

    @Override
    protected ToolResult viaHttp(Arguments args, ToolCall call, String namespace, ToolContext context) {
        Kind kind = args.kind();
        String name = args.name();
        String path = kind.path(namespace, name);
        JsonNode[] objectAndEvents = runtime.api(call, true, "GET", path, client -> new JsonNode[]{
                KubeJson.tree(client.resources(kind.model()).inNamespace(namespace).withName(name).require()),
                KubeJson.tree(client.v1().events().inNamespace(namespace).list())});
        String text = render(kind, objectAndEvents[0], objectAndEvents[1]);
        return runtime.httpResult(call, "GET", path, text, data(kind, namespace, name, "carapulse"),
                KubeJson.identity(objectAndEvents[0]));
    }

    private static String render(Kind kind, JsonNode object, JsonNode events) {
        JsonNode m = object.path("metadata");
        StringBuilder out = new StringBuilder("# Carapulse rendering from the Kubernetes API (kubectl was not used)\n");
        line(out, "Name", m.path("name").asText());
        line(out, "Namespace", m.path("namespace").asText());
        line(out, "Kind", kind.apiKind());
        line(out, "UID", m.path("uid").asText());
        line(out, "ResourceVersion", m.path("resourceVersion").asText());
        line(out, "Created", m.path("creationTimestamp").asText());
        line(out, "Labels", m.path("labels").toString());
        JsonNode spec = object.path("spec");
        JsonNode status = object.path("status");
        if (spec.has("replicas")) {
            line(out, "Replicas", spec.path("replicas").asText() + " desired | " + status.path("updatedReplicas").asInt()
                    + " updated | " + status.path("readyReplicas").asInt() + " ready | "
                    + status.path("availableReplicas").asInt() + " available");
        }
        if (status.has("phase")) {
            line(out, "Phase", status.path("phase").asText());
        }
        if (status.path("conditions").isArray() && !status.path("conditions").isEmpty()) {
            out.append("Conditions:\n");
            status.path("conditions").forEach(c -> out.append("  ").append(c.path("type").asText()).append('=')
                    .append(c.path("status").asText()).append(' ').append(c.path("reason").asText("")).append('\n'));
        }
        out.append("Events:\n");
        int[] shown = {0};
        events.path("items").forEach(e -> {
            JsonNode o = e.path("involvedObject");
            if (kind.apiKind().equals(o.path("kind").asText()) && m.path("name").asText().equals(o.path("name").asText())) {
                out.append("  ").append(e.path("type").asText()).append(' ').append(e.path("reason").asText())
                        .append(' ').append(e.path("message").asText()).append('\n');
                shown[0]++;
            }
        });
        if (shown[0] == 0) {
            out.append("  <none>\n");
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(label).append(": ").append(value).append('\n');
    }

    private static ObjectNode data(Kind kind, String namespace, String name, String renderer) {
        return KubectlRuntime.object().put("kind", kind.arg()).put("name", name).put("namespace", namespace)
                .put("renderer", renderer);
    }
}
