package io.carapulse.tools.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.redact.Redactor;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.family.FamilyRuntime;
import io.carapulse.tools.kubectl.internal.Args;
import io.carapulse.tools.kubectl.internal.Kind;
import io.carapulse.tools.kubectl.internal.KubeJson;
import io.carapulse.tools.kubernetes.KubeClusters;
import io.carapulse.tools.lease.CredentialLease;
import io.carapulse.tools.process.ProcessOutcome;
import io.carapulse.tools.transport.Selection;
import io.carapulse.tools.transport.TransportSelector;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every kubectl action shares: the S6 namespace check, the transport choice, running kubectl
 * with {@code --context} and {@code -n} injected and the kubeconfig lease, and running Fabric8 calls
 * with their failures mapped and their output redacted.
 */
@Singleton
public class KubectlRuntime extends FamilyRuntime {

    public static final String TOOL = "kubectl";

    private final KubeClusters clusters;

    public KubectlRuntime(KubeClusters clusters, TransportSelector selector, CliInvoker cli) {
        super(TOOL, TOOL, selector, cli, KubectlExitMapper.INSTANCE, KubeHttpStatus.MAPPER);
        this.clusters = clusters;
    }

    /** S6 problems of {@code namespace} in {@code environment}; empty when the inventory declares it. */
    public List<String> namespaceProblems(String environment, String namespace) {
        return clusters.namespaceProblems(environment, namespace);
    }

    @Override
    protected boolean hasHttpPath(String environment) {
        return clusters.hasHttpPath(environment);
    }

    /**
     * Runs {@code kubectl --context <ctx> -n <namespace> verb…} with the environment's kubeconfig lease.
     * {@code verb} is built by the action from validated arguments only.
     */
    public ProcessOutcome kubectl(Path binary, ToolCall call, String namespace, List<String> verb, ToolContext ctx) {
        List<String> args = new ArrayList<>(clusters.contextFlags(call.environment()));
        args.add("-n");
        args.add(namespace);
        args.addAll(verb);
        try (CredentialLease lease = clusters.cliLease(call.environment())) {
            return cli(binary, args, lease, ctx);
        }
    }

    /** {@code kubectl get <kind> <name> -o json}, parsed. */
    public JsonNode getJson(Path binary, ToolCall call, String namespace, Kind kind, String name, ToolContext ctx) {
        return KubeJson.parse(kubectl(binary, call, namespace, List.of("get", kind.arg(), name, "-o", "json"), ctx)
                .stdout());
    }

    /** One Fabric8 unit of work against the environment's API server. */
    @FunctionalInterface
    public interface ApiWork<T> {
        T run(KubernetesClient client);
    }

    /**
     * Runs {@code work} with a client for the call's environment; an API failure becomes the mapped
     * {@link ToolException} (or retriable, for reads) carrying {@code method path} as its command.
     */
    public <T> T api(ToolCall call, boolean read, String method, String path, ApiWork<T> work) {
        Redactor redactor = clusters.httpRedactor(call.environment());
        try (KubernetesClient client = clusters.httpClient(call.environment())) {
            return work.run(client);
        } catch (KubernetesClientException e) {
            throw KubeHttpStatus.failure(e, read, command(call, method, path), redactor);
        }
    }

    /** A successful HTTP result: output redacted, {@code [METHOD, URL]} as its command. */
    public ToolResult httpResult(ToolCall call, String method, String path, String output, JsonNode data,
                                 Map<String, String> externalIds) {
        Redactor redactor = clusters.httpRedactor(call.environment());
        JsonNode redactedData = data == null ? null : KubeJson.parse(redactor.redact(KubeJson.write(data)));
        return new ToolResult(Transport.HTTP, command(call, method, path), null, 200, redactor.redact(output),
                redactedData, externalIds);
    }

    /** A successful CLI result whose output is the adapter's rendering (JSON) rather than raw stdout. */
    public static ToolResult cliResult(ProcessOutcome outcome, String output, JsonNode data, Map<String, String> ids) {
        return new ToolResult(Transport.CLI, outcome.argv(), outcome.exitCode(), null, output, data, ids);
    }

    public static ObjectNode object() {
        return KubeJson.MAPPER.createObjectNode();
    }

    private List<String> command(ToolCall call, String method, String path) {
        String server = clusters.cluster(call.environment()).apiServer().map(Object::toString).orElse("");
        return List.of(method, server.replaceAll("/+$", "") + path);
    }
}
