package io.carapulse.tools.kubectl;

import io.carapulse.api.tool.ActionClass;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.tools.family.ToolArgs;
import io.carapulse.tools.family.Arg;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.kubectl.internal.Args;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.PodResource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code kubectl.logs} (READ): the last lines of a pod's log, or of one pod of a deployment (as
 * {@code kubectl logs deployment/x} picks one). Always bounded: {@code tail} default 200, at most
 * 5000 lines; {@code sinceSeconds} default 3600, at most 86400. Data: {@code {pod, container, lines}}.
 */
public final class KubectlLogs extends KubectlAction<KubectlLogs.Arguments> {

    /** The arguments of {@code kubectl.logs}. */
    public record Arguments(
            @Arg(value = NAMESPACE, pattern = Args.LABEL, maxLength = 63) String namespace,
            @Arg(value = "pod name (give pod or deployment)", pattern = Args.NAME, maxLength = 253) Optional<String> pod,
            @Arg(value = "deployment name: logs of one of its pods", pattern = Args.NAME, maxLength = 253) Optional<String> deployment,
            @Arg(value = "container name", pattern = Args.LABEL, maxLength = 63) Optional<String> container,
            @Arg(value = "lines from the end (default 200)", min = 1, max = 5000) Optional<Integer> tail,
            @Arg(value = "only lines newer than this (default 3600)", min = 1, max = 86400) Optional<Integer> sinceSeconds) implements Namespaced {

        public Arguments {
            if (pod.isPresent() == deployment.isPresent()) {
                throw ToolArgs.invalid("give exactly one of pod and deployment");
            }
        }
    }


    static final int DEFAULT_TAIL = 200;
    static final int DEFAULT_SINCE = 3600;

    public KubectlLogs(KubectlRuntime runtime) {
        super(runtime, "logs", ActionClass.READ,
                "Read the recent log lines of a pod, or of one pod of a deployment (bounded by tail and since)",
                Arguments.class, false, Set.of(Transport.CLI, Transport.HTTP), Duration.ofSeconds(60));
    }


    @Override
    protected ToolResult viaCli(Path kubectl, Arguments args, ToolCall call, String namespace, ToolContext context) {
        Target t = Target.of(args);
        List<String> verb = new ArrayList<>(List.of("logs", t.ref(), "--tail=" + t.tail, "--since=" + t.since + "s"));
        t.container.ifPresent(c -> verb.add("--container=" + c));
        var outcome = runtime.kubectl(kubectl, call, namespace, verb, context);
        var data = KubectlRuntime.object().put("target", t.ref()).put("lines", outcome.stdout().lines().count());
        t.container.ifPresent(c -> data.put("container", c));
        return io.carapulse.tools.cli.CliInvoker.result(outcome, data, Map.of("target", t.ref()));
    }

    @Override
    protected ToolResult viaHttp(Arguments args, ToolCall call, String namespace, ToolContext context) {
        Target t = Target.of(args);
        String[] podAndLog = runtime.api(call, true, "GET", "/api/v1/namespaces/" + namespace + "/pods/"
                + t.pod.orElse("(pod of deployment " + t.deployment.orElse("") + ")") + "/log", client -> {
            String pod = t.pod.isPresent() ? t.pod.get() : podOf(client, namespace, t.deployment.orElseThrow());
            PodResource r = client.pods().inNamespace(namespace).withName(pod);
            String log = t.container.isPresent()
                    ? r.inContainer(t.container.get()).sinceSeconds(t.since).tailingLines(t.tail).getLog()
                    : r.sinceSeconds(t.since).tailingLines(t.tail).getLog();
            return new String[]{pod, log == null ? "" : log};
        });
        var data = KubectlRuntime.object().put("target", t.ref()).put("pod", podAndLog[0])
                .put("lines", podAndLog[1].lines().count());
        t.container.ifPresent(c -> data.put("container", c));
        return runtime.httpResult(call, "GET", "/api/v1/namespaces/" + namespace + "/pods/" + podAndLog[0] + "/log",
                podAndLog[1], data, Map.of("target", t.ref(), "pod", podAndLog[0]));
    }

    /** The first pod (by name) matching the deployment's selector, as kubectl picks one. */
    private static String podOf(KubernetesClient client, String namespace, String deployment) {
        Deployment d = client.apps().deployments().inNamespace(namespace).withName(deployment).require();
        LabelSelector selector = d.getSpec().getSelector();
        if (selector == null || selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty()) {
            throw new KubernetesClientException("deployment " + deployment + " has no matchLabels selector", 404, null);
        }
        return client.pods().inNamespace(namespace).withLabels(selector.getMatchLabels()).list().getItems().stream()
                .map(Pod::getMetadata).map(ObjectMeta::getName).min(Comparator.naturalOrder())
                .orElseThrow(() -> new KubernetesClientException("deployment " + deployment + " has no pods", 404, null));
    }

    private record Target(Optional<String> pod, Optional<String> deployment, Optional<String> container, int tail,
                          int since) {

        static Target of(Arguments args) {
            return new Target(args.pod(), args.deployment(), args.container(), args.tail().orElse(DEFAULT_TAIL),
                    args.sinceSeconds().orElse(DEFAULT_SINCE));
        }

        String ref() {
            return pod.map(p -> "pod/" + p).orElseGet(() -> "deployment/" + deployment.orElseThrow());
        }
    }
}
