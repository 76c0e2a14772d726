package io.carapulse.tools.helm;

import io.carapulse.config.EnvironmentCatalog;
import io.fabric8.kubernetes.client.Config;
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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One test environment {@code prod} (context {@code prod-ctx}, namespace {@code shop}, the chart sources
 * of {@link #helm}) and a Helm adapter over it.
 */
final class HelmWorld {

    static final String ENV = "prod";
    static final String CONTEXT = "prod-ctx";
    static final String KUBE_TOKEN = "kubeconfigtoken7Qx2Lm9Pz4";
    static final String API_TOKEN = "apiservertoken5Rt8Vw1Ky3";
    static final String GIT_TOKEN = "gittoken3Hn6Jq8Wc2Zs5";
    static final String REPO_PASSWORD = "repopassword4Gk7Tn2Vb9";
    static final String REGISTRY_PASSWORD = "registrypassword8Lm3Qs6Xd1";
    /** The public OCI registry prefix of the test environment (no credentials). */
    static final String OCI_PUBLIC = "oci://registry.example.com/charts";
    /** The OCI registry prefix with credentials ({@code robot} / {@link #REGISTRY_PASSWORD}). */
    static final String OCI_PRIVATE = "oci://private.example.com:5000/charts";
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

    /**
     * The test environment's {@code helm} block: chart repositories {@code bitnami} (public) and
     * {@code internal} ({@code deploy} / {@link #REPO_PASSWORD}), OCI registries {@link #OCI_PUBLIC} and
     * {@link #OCI_PRIVATE}, and the given values repository (all three may be null).
     */
    static HelmProperties.Sources helm(String valuesRepo, String valuesRef, String valuesToken) {
        return new HelmProperties.Sources(valuesRepo, valuesRef == null ? "main" : valuesRef, valuesToken,
                List.of(Map.of("name", "bitnami", "url", "https://charts.bitnami.com/bitnami"),
                        Map.of("name", "internal", "url", "https://charts.example.com/stable", "username", "deploy",
                                "password", "env:HELM_TEST_REPO_PASSWORD")),
                List.of(Map.of("prefix", OCI_PUBLIC),
                        Map.of("prefix", OCI_PRIVATE, "username", "robot", "password", "env:HELM_TEST_REGISTRY_PASSWORD")));
    }

    /** A {@code helm} block that declares nothing. */
    static final HelmProperties.Sources NO_HELM_SOURCES =
            new HelmProperties.Sources(null, "main", null, null, null);

    /** The environments, with the API server at {@code apiServer} (may be null: no HTTP path). */
    static EnvironmentCatalog catalog(String apiServer) {
        return catalog(apiServer, null);
    }

    /** The environments, with the {@code helm} block {@code helm} (null: {@link #helm} without values repository). */
    static EnvironmentCatalog catalog(String apiServer, HelmProperties.Sources helm) {
        KubernetesProperties.Cluster k = new KubernetesProperties.Cluster(CONTEXT,
                "env:HELM_TEST_KUBECONFIG", apiServer, apiServer == null ? null : "env:HELM_TEST_API_TOKEN",
                List.of("shop"));
        HelmProperties.Sources sources = helm == null ? helm(null, null, null) : helm;
        return new EnvironmentCatalog(List.of(new EnvironmentProperties(ENV, null, List.of("operator"),
                List.of("approver"), List.of("operator"), false, false, List.of("admin"), Duration.ofHours(24),
                List.of("local"))), List.of(new KubernetesSection(List.of(new KubernetesProperties(ENV, k))),
                new HelmSection(List.of(new HelmProperties(ENV, sources)))));
    }

    private static final Map<String, String> SECRETS = Map.of("HELM_TEST_KUBECONFIG", KUBECONFIG,
            "HELM_TEST_API_TOKEN", API_TOKEN, "HELM_TEST_GIT_TOKEN", GIT_TOKEN,
            "HELM_TEST_REPO_PASSWORD", REPO_PASSWORD, "HELM_TEST_REGISTRY_PASSWORD", REGISTRY_PASSWORD);

    static KubeClusters clusters(String apiServer) {
        return new KubeClusters(catalog(apiServer), SECRETS::get);
    }

    /** An adapter whose PATH is {@code bin} (null: no helm anywhere) with the given transport mode. */
    static HelmAdapter adapter(Path bin, String apiServer, TransportMode mode) {
        return adapter(bin, apiServer, mode, null, null);
    }

    /**
     * An adapter as above whose environment's {@code helm} block is {@code helm} (null: {@link #helm}
     * without values repository), and whose {@code git} is the binary {@code git} (may be null: git only
     * on {@code bin}).
     */
    static HelmAdapter adapter(Path bin, String apiServer, TransportMode mode, HelmProperties.Sources helm,
                               Path git) {
        TransportSelector selector = new TransportSelector(
                new BinaryLocator(bin == null ? "" : bin.toString(), Clock.systemUTC()),
                git == null ? List.of(new ToolSettings("helm", null, mode, null))
                        : List.of(new ToolSettings("helm", null, mode, null),
                        new ToolSettings("git", git, TransportMode.CLI, null)));
        CliInvoker invoker = new CliInvoker(new ProcessRunner());
        EnvironmentCatalog catalog = catalog(apiServer, helm);
        HelmCalls calls = new HelmCalls(new KubeClusters(catalog, SECRETS::get), selector, invoker);
        return new HelmAdapter(calls, new HelmValuesRepo(catalog, selector, invoker, SECRETS::get),
                new HelmChartSources(catalog, invoker, SECRETS::get), selector);
    }
}
