package io.carapulse.tools.helm;

import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.config.Inventory;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.carapulse.config.EnvironmentProperties;
import io.carapulse.tools.binary.BinaryLocator;
import io.carapulse.tools.cli.CliInvoker;
import io.carapulse.tools.kubernetes.KubeClusters;
import io.carapulse.tools.process.ProcessRunner;
import io.carapulse.tools.transport.ToolSettings;
import io.carapulse.tools.transport.TransportMode;
import io.carapulse.tools.transport.TransportSelector;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One test environment {@code prod} (context {@code prod-ctx}, namespace {@code shop}) and a Helm adapter over it. */
final class HelmWorld {

    static final String ENV = "prod";
    static final String CONTEXT = "prod-ctx";
    static final String KUBE_TOKEN = "kubeconfigtoken7Qx2Lm9Pz4";
    static final String API_TOKEN = "apiservertoken5Rt8Vw1Ky3";
    static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: prod
              cluster:
                server: https://prod.example.internal:6443
            users:
            - name: carapulse
              user:
                token: %s
            contexts:
            - name: prod-ctx
              context: {cluster: prod, user: carapulse}
            current-context: prod-ctx
            """.formatted(KUBE_TOKEN);

    private HelmWorld() {
    }

    /** The environments, with the API server at {@code apiServer} (may be null: no HTTP path). */
    static EnvironmentCatalog catalog(String apiServer) {
        EnvironmentProperties.KubernetesProperties k = new EnvironmentProperties.KubernetesProperties(CONTEXT,
                "env:HELM_TEST_KUBECONFIG", apiServer, apiServer == null ? null : "env:HELM_TEST_API_TOKEN",
                List.of("shop"));
        return new EnvironmentCatalog(List.of(new EnvironmentProperties(ENV, null, List.of("operator"),
                List.of("approver"), List.of("operator"), false, false, List.of("admin"), Duration.ofHours(24),
                List.of("local"), k, null)));
    }

    static KubeClusters clusters(String apiServer) {
        Map<String, String> secrets = Map.of("HELM_TEST_KUBECONFIG", KUBECONFIG, "HELM_TEST_API_TOKEN", API_TOKEN);
        return new KubeClusters(catalog(apiServer), secrets::get) {
            /*
             * The same client as production, but speaking HTTP/1.1: over plain http the JDK client
             * tries an h2c upgrade on GETs, which the mock's Vert.x server cannot answer on this
             * classpath (a netty-codec-http2 NoSuchMethodError), so every read would time out.
             */
            @Override
            public KubernetesClient httpClient(String environment) {
                Inventory.Kubernetes k = cluster(environment);
                Config config = new ConfigBuilder(Config.empty()).withMasterUrl(k.apiServer().orElseThrow().toString())
                        .withOauthToken(resolve(k.token().orElseThrow())).withRequestTimeout(10_000).withRequestRetryBackoffLimit(0).build();
                return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory() {
                    @Override
                    protected void additionalConfig(java.net.http.HttpClient.Builder builder) {
                        builder.version(java.net.http.HttpClient.Version.HTTP_1_1);
                    }
                }).build();
            }
        };
    }

    /** An adapter whose PATH is {@code bin} (null: no helm anywhere) with the given transport mode. */
    static HelmAdapter adapter(Path bin, String apiServer, TransportMode mode) {
        TransportSelector selector = new TransportSelector(
                new BinaryLocator(bin == null ? "" : bin.toString(), Clock.systemUTC()),
                List.of(new ToolSettings("helm", null, mode, null)));
        HelmCalls calls = new HelmCalls(clusters(apiServer), selector, new CliInvoker(new ProcessRunner()));
        return new HelmAdapter(calls, selector);
    }
}
