package io.carapulse.tools.kubectl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.config.EnvironmentProperties;
import io.carapulse.tools.binary.BinaryLocator;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.kubernetes.KubeClusters;
import io.carapulse.tools.kubernetes.KubernetesProperties;
import io.carapulse.tools.kubernetes.KubernetesSection;
import io.carapulse.tools.process.ProcessRunner;
import io.carapulse.tools.transport.ToolSettings;
import io.carapulse.tools.transport.TransportMode;
import io.carapulse.tools.transport.TransportSelector;

import io.fabric8.kubernetes.client.Config;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** An environment {@code prod} (context prod-ctx, namespaces web and api) and a kubectl adapter over it. */
final class KubectlFixture {

    static final String TOKEN = "canary-api-token-7d1e5f0a9b";
    static final String KUBECONFIG_TOKEN = "canary-kubeconfig-token-3c9e81d2";
    static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: prod
              cluster:
                server: %s
            users:
            - name: carapulse
              user:
                token: %s
            contexts:
            - name: prod-ctx
              context: {cluster: prod, user: carapulse}
            current-context: prod-ctx
            """;

    final KubectlRuntime runtime;
    final KubectlAdapter adapter;

    private KubectlFixture(String apiServer, String searchPath, TransportMode mode) {
        var k = new KubernetesProperties.Cluster("prod-ctx", "env:KUBECONFIG_PROD", apiServer,
                "env:KUBE_TOKEN_PROD", List.of("web", "api"));
        var env = new EnvironmentProperties("prod", null, List.of("operator"), List.of("approver"), List.of("operator"),
                false, false, List.of("admin"), Duration.ofHours(24), List.of("local"));
        Map<String, String> secrets = Map.of("KUBECONFIG_PROD", KUBECONFIG.formatted(apiServer, KUBECONFIG_TOKEN),
                "KUBE_TOKEN_PROD", TOKEN);
        KubeClusters clusters = new KubeClusters(new EnvironmentCatalog(List.of(env),
                List.of(new KubernetesSection(List.of(new KubernetesProperties("prod", k))))), secrets::get);
        TransportSelector selector = new TransportSelector(new BinaryLocator(searchPath, Clock.systemUTC()),
                List.of(new ToolSettings("kubectl", null, mode, null)));
        this.runtime = new KubectlRuntime(clusters, selector, new CliInvoker(new ProcessRunner()));
        this.adapter = new KubectlAdapter(runtime);
    }

    /** kubectl found on {@code binDir}; the environment also has an API server, unused by the CLI. */
    static KubectlFixture cli(Path binDir) {
        return new KubectlFixture("https://127.0.0.1:6443", binDir.toString(), TransportMode.AUTO);
    }

    /** No kubectl anywhere: every call goes to {@code apiServer}. */
    static KubectlFixture http(String apiServer, Path emptyDir) {
        return new KubectlFixture(apiServer, emptyDir.toString(), TransportMode.AUTO);
    }

    ToolAction action(String name) {
        return adapter.action(name).orElseThrow();
    }

    static ObjectNode json(String object) {
        try {
            return (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(object);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ToolCall call(String action, ObjectNode args) {
        return new ToolCall("kubectl", action, args, "prod");
    }
}
