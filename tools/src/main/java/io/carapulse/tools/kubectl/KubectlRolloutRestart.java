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
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Set;

/**
 * {@code kubectl.rollout-restart} (WRITE, not reversible: restarted pods cannot be un-restarted):
 * sets the pod-template annotation {@code kubectl.kubernetes.io/restartedAt} to now (RFC 3339), as
 * kubectl does. Evidence: identity, resourceVersion and generation before → after. Data:
 * {@code {kind, name, namespace, restartedAt, before, after}} (restartedAt over HTTP only).
 */
public final class KubectlRolloutRestart extends KubectlAction<KubectlRolloutRestart.Arguments> {

    /** The arguments of {@code kubectl.rollout-restart}. */
    public record Arguments(
            @Arg(value = NAMESPACE, pattern = Args.LABEL, maxLength = 63) String namespace,
            @Arg(value = "object kind", only = {"deployment", "statefulset", "daemonset"}) Kind kind,
            @Arg(value = "object name", pattern = Args.NAME, maxLength = 253) String name) implements Namespaced {
    }


    static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

    private final Clock clock;

    public KubectlRolloutRestart(KubectlRuntime runtime) {
        this(runtime, Clock.systemUTC());
    }

    KubectlRolloutRestart(KubectlRuntime runtime, Clock clock) {
        super(runtime, "rollout-restart", ActionClass.WRITE,
                "Restart the pods of a deployment/statefulset/daemonset by a rolling update; not reversible",
                Arguments.class, false, Set.of(Transport.CLI, Transport.HTTP), Duration.ofSeconds(60));
        this.clock = clock;
    }

    @Override
    protected ToolResult viaCli(Path kubectl, Arguments args, ToolCall call, String namespace, ToolContext context) {
        Kind kind = args.kind();
        String name = args.name();
        JsonNode before = runtime.getJson(kubectl, call, namespace, kind, name, context);
        var outcome = runtime.kubectl(kubectl, call, namespace, List.of("rollout", "restart", kind.arg() + "/" + name),
                context);
        JsonNode after = runtime.getJson(kubectl, call, namespace, kind, name, context);
        return KubectlRuntime.cliResult(outcome, outcome.stdout(), data(kind, namespace, name, before, after),
                KubeJson.writeEvidence(before, after));
    }

    @Override
    protected ToolResult viaHttp(Arguments args, ToolCall call, String namespace, ToolContext context) {
        Kind kind = args.kind();
        String name = args.name();
        String now = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                clock.instant().truncatedTo(ChronoUnit.SECONDS).atOffset(java.time.ZoneOffset.UTC));
        String path = kind.path(namespace, name);
        JsonNode[] sides = runtime.api(call, false, "PATCH", path, client -> restart(client, kind, namespace, name, now));
        ObjectNode data = data(kind, namespace, name, sides[0], sides[1]).put("restartedAt", now);
        return runtime.httpResult(call, "PATCH", path, kind.arg() + "/" + name + " restarted", data,
                KubeJson.writeEvidence(sides[0], sides[1]));
    }

    private static JsonNode[] restart(KubernetesClient client, Kind kind, String namespace, String name, String now) {
        JsonNode before;
        HasMetadata after;
        switch (kind) {
            case DEPLOYMENT -> {
                var r = client.apps().deployments().inNamespace(namespace).withName(name);
                Deployment d = r.require();
                before = KubeJson.tree(d);
                after = r.edit(x -> annotate(x, x.getSpec().getTemplate(), now));
            }
            case STATEFULSET -> {
                var r = client.apps().statefulSets().inNamespace(namespace).withName(name);
                StatefulSet s = r.require();
                before = KubeJson.tree(s);
                after = r.edit(x -> annotate(x, x.getSpec().getTemplate(), now));
            }
            default -> {
                var r = client.apps().daemonSets().inNamespace(namespace).withName(name);
                DaemonSet s = r.require();
                before = KubeJson.tree(s);
                after = r.edit(x -> annotate(x, x.getSpec().getTemplate(), now));
            }
        }
        return new JsonNode[]{before, KubeJson.tree(after)};
    }

    private static <T> T annotate(T object, PodTemplateSpec template, String now) {
        if (template.getMetadata() == null) {
            template.setMetadata(new ObjectMeta());
        }
        var annotations = template.getMetadata().getAnnotations() == null
                ? new HashMap<String, String>() : new HashMap<>(template.getMetadata().getAnnotations());
        annotations.put(RESTARTED_AT, now);
        template.getMetadata().setAnnotations(annotations);
        return object;
    }

    private static ObjectNode data(Kind kind, String namespace, String name, JsonNode before, JsonNode after) {
        ObjectNode data = KubectlRuntime.object().put("kind", kind.arg()).put("name", name).put("namespace", namespace);
        data.set("before", KubeJson.version(before));
        data.set("after", KubeJson.version(after));
        return data;
    }
}
