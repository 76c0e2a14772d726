package io.carapulse.tools.helm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.redact.Redactor;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.family.FamilyRuntime;
import io.carapulse.tools.helm.internal.HistoryEntry;
import io.carapulse.tools.kubernetes.KubeClusters;
import io.carapulse.tools.lease.CredentialLease;
import io.carapulse.tools.process.ProcessOutcome;
import io.carapulse.tools.transport.TransportSelector;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Helm family's runtime ({@link FamilyRuntime}: transport choice, CLI runs with {@link HelmExitMapper},
 * {@link HelmHttpErrors}), plus what every Helm action shares, like a picocli mixin: the S6 namespace
 * check, the helm call with the environment's kubeconfig lease and the injected
 * {@code --kube-context}/{@code --namespace}, and the Kubernetes API call of the HTTP read path with
 * its error mapping and redaction.
 */
@Singleton
public final class HelmCalls extends FamilyRuntime {

    /** The tool and binary name. */
    static final String TOOL = "helm";

    private final KubeClusters clusters;

    public HelmCalls(KubeClusters clusters, TransportSelector selector, CliInvoker invoker) {
        super(TOOL, TOOL, selector, invoker, new HelmExitMapper(), HelmHttpErrors.MAPPER);
        this.clusters = clusters;
    }

    /** S6 problems of {@code namespace} in {@code environment}; empty when the inventory declares it. */
    List<String> namespaceProblems(String environment, String namespace) {
        return clusters.namespaceProblems(environment, namespace);
    }

    /** The HTTP read path needs the environment's API server and token. */
    @Override
    protected boolean hasHttpPath(String environment) {
        return clusters.hasHttpPath(environment);
    }

    /** {@code --kube-context <ctx>} (when the environment names one) and {@code --namespace <ns>}. */
    List<String> targetFlags(ToolCall call, String namespace) {
        List<String> flags = new ArrayList<>();
        clusters.cluster(call.environment()).context().ifPresent(c -> {
            flags.add("--kube-context");
            flags.add(c);
        });
        flags.add("--namespace");
        flags.add(namespace);
        return flags;
    }

    /**
     * Runs helm with the environment's kubeconfig lease; {@code args} builds the arguments (from parsed
     * arguments only, S5) and may write files (values) into the lease, which is closed — files deleted —
     * when the call ends.
     */
    ProcessOutcome helm(Path binary, ToolCall call, ToolContext ctx, Function<CredentialLease, List<String>> args) {
        try (CredentialLease lease = clusters.cliLease(call.environment())) {
            return cli(binary, args.apply(lease), lease, ctx);
        }
    }

    /** A successful CLI outcome as a result, Helm's own output as its output. */
    static ToolResult result(ProcessOutcome outcome, JsonNode data, Map<String, String> externalIds) {
        return CliInvoker.result(outcome, data, externalIds);
    }

    /**
     * A successful CLI outcome whose output is the (redacted) data instead of Helm's JSON: a
     * release's JSON carries its values and its manifest, Secrets included, which must not be stored.
     */
    static ToolResult summarized(ProcessOutcome outcome, JsonNode data, Map<String, String> externalIds) {
        return new ToolResult(Transport.CLI, outcome.argv(), outcome.exitCode(), null, data.toPrettyString(), data,
                externalIds);
    }

    /**
     * The context for a call whose stdout is a whole release: its deadline and cancellation, but no
     * live lines, for the same reason as {@link #summarized}.
     */
    static ToolContext quiet(ToolContext ctx) {
        return new ToolContext() {
            @Override
            public String executionId() {
                return ctx.executionId();
            }

            @Override
            public java.time.Instant deadline() {
                return ctx.deadline();
            }

            @Override
            public void emit(String line) {
                // dropped on purpose: see summarized()
            }

            @Override
            public io.carapulse.api.tool.CancellationSignal cancellation() {
                return ctx.cancellation();
            }

            @Override
            public java.util.Optional<io.carapulse.api.tool.ToolCallOrigin> origin() {
                return ctx.origin();
            }

            @Override
            public java.util.Optional<io.carapulse.api.tool.ActingFor> actingFor() {
                return ctx.actingFor();
            }
        };
    }

    /** The revisions of a release as {@code helm history -o json --max 20} lists them; empty when it has none. */
    List<HistoryEntry> history(Path binary, ToolCall call, String namespace, String release, ToolContext ctx) {
        List<String> args = new ArrayList<>(List.of("history", release));
        args.addAll(targetFlags(call, namespace));
        args.addAll(List.of("-o", "json", "--max", "20"));
        try {
            return HistoryEntry.fromCli(parse(helm(binary, call, ctx, lease -> args)));
        } catch (ToolException e) {
            if (e.failure() == ToolFailure.NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
    }

    /** The revision that is {@code deployed} now, if any: the one a rollback restores. */
    static Optional<HistoryEntry> deployed(List<HistoryEntry> history) {
        return history.stream().filter(h -> "deployed".equals(h.status())).reduce((a, b) -> b);
    }

    /** The newest revision number, or {@code none} when the release has no revision. */
    static String latest(List<HistoryEntry> history) {
        return history.isEmpty() ? "none" : String.valueOf(history.get(history.size() - 1).revision());
    }

    /** A read through the Kubernetes API with the environment's client; failures mapped once, redacted. */
    <T> T http(ToolCall call, String url, Function<KubernetesClient, T> read) {
        try (KubernetesClient client = clusters.httpClient(call.environment())) {
            return read.apply(client);
        } catch (KubernetesClientException e) {
            String reason = e.getStatus() != null && e.getStatus().getMessage() != null
                    ? e.getStatus().getMessage() : String.valueOf(e.getMessage());
            throw HelmHttpErrors.map(e, "GET", url, redactor(call).redact("reading Helm release secrets failed"
                    + (e.getCode() > 0 ? " with HTTP " + e.getCode() : "") + ": " + reason));
        }
    }

    /** The URL of the secrets a read lists, for evidence. */
    String secretsUrl(ToolCall call, String namespace, String labelSelector) {
        String base = clusters.cluster(call.environment()).apiServer().map(Object::toString).orElse("");
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v1/namespaces/"
                + namespace + "/secrets?labelSelector=" + labelSelector;
    }

    /** The redactor of an HTTP read: patterns plus the environment's API token (S4). */
    Redactor redactor(ToolCall call) {
        return clusters.httpRedactor(call.environment());
    }

    /** An HTTP read's result: its data, redacted, is also its output. */
    ToolResult httpResult(ToolCall call, String url, JsonNode data, Map<String, String> externalIds) {
        String output = redactor(call).redact(data.toPrettyString());
        return new ToolResult(Transport.HTTP, List.of("GET", url), null, 200, output, data, externalIds);
    }

    /** Parses helm's JSON stdout; output that is not JSON is a {@code tool_failed} with the evidence. */
    static JsonNode parse(ProcessOutcome outcome) {
        String stdout = outcome.stdout();
        try {
            JsonNode node = HelmArgs.JSON.readTree(stdout.isBlank() ? "null" : stdout);
            return node == null ? HelmArgs.JSON.nullNode() : node;
        } catch (JsonProcessingException e) {
            throw new ToolException(ToolFailure.TOOL_FAILED, "helm printed output that is not JSON: " + e.getOriginalMessage(),
                    CliInvoker.result(outcome, null, Map.of()), e);
        }
    }
}
