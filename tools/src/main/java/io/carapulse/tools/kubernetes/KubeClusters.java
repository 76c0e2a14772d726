package io.carapulse.tools.kubernetes;

import io.carapulse.api.redact.Redactor;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.config.Environment;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.config.SecretRef;
import io.carapulse.tools.lease.CredentialLease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The cluster of each environment (S6), shared by kubectl and Helm: the targets to inject, the
 * plan-time namespace check, the lease a CLI call gets (a 0600 kubeconfig file, {@code KUBECONFIG}),
 * and a Kubernetes API client for the HTTP fallback. Secrets are resolved per call and never kept.
 */
@Singleton
public class KubeClusters {

    private final EnvironmentCatalog environments;
    private final Function<String, String> secretEnvironment;

    public KubeClusters(EnvironmentCatalog environments) {
        this(environments, System::getenv);
    }

    /** For tests: {@code secretEnvironment} resolves {@code env:} references. */
    public KubeClusters(EnvironmentCatalog environments, Function<String, String> secretEnvironment) {
        this.environments = environments;
        this.secretEnvironment = secretEnvironment;
    }

    /** The environment's cluster, or a refusal naming it when it declares none. */
    public KubernetesCluster cluster(String environment) {
        return declared(environment)
                .orElseThrow(() -> new ToolException(ToolFailure.TARGET_NOT_ALLOWED,
                        "environment " + environment + " declares no Kubernetes cluster", null));
    }

    /** Plan-time S6 check of a namespace argument; empty when allowed. */
    public List<String> namespaceProblems(String environment, String namespace) {
        return declared(environment)
                .map(k -> k.allows(namespace) ? List.<String>of()
                        : List.of("namespace '" + namespace + "' is not one of environment " + environment
                        + "'s namespaces " + k.namespaces().stream().sorted().toList()))
                .orElse(List.of("environment " + environment + " declares no Kubernetes cluster"));
    }

    private Optional<KubernetesCluster> declared(String environment) {
        return environments.find(environment).map(Environment::inventory).flatMap(i -> i.part(KubernetesCluster.class));
    }

    /** {@code --context <ctx>} when the environment names one; always first on the command line. */
    public List<String> contextFlags(String environment) {
        List<String> flags = new ArrayList<>();
        cluster(environment).context().ifPresent(c -> {
            flags.add("--context");
            flags.add(c);
        });
        return flags;
    }

    /**
     * A lease for one CLI call: the kubeconfig written as a 0600 file in the call's private directory
     * and named by {@code KUBECONFIG}; its content and every credential inside it (token, password,
     * client key) are registered for redaction. The caller closes it.
     */
    public CredentialLease cliLease(String environment) {
        KubernetesCluster k = cluster(environment);
        CredentialLease lease = CredentialLease.open();
        try {
            k.kubeconfig().ifPresent(ref -> {
                String content = resolve(ref);
                lease.putEnv("KUBECONFIG", lease.write("kubeconfig", content.getBytes(StandardCharsets.UTF_8))
                        .toString());
                lease.addSecret(content);
                // a CLI may print one credential on its own line, where the whole file never appears
                KubeconfigSecrets.in(content).forEach(lease::addSecret);
            });
            return lease;
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /** Whether the environment's cluster has an HTTP fallback (API server URL and token). */
    public boolean hasHttpPath(String environment) {
        KubernetesCluster k = cluster(environment);
        return k.apiServer().isPresent() && k.token().isPresent();
    }

    /**
     * A Kubernetes API client for the HTTP fallback, built per call with the environment's API server
     * and token (never the server's own service account or a local kubeconfig). The caller closes it.
     */
    public KubernetesClient httpClient(String environment) {
        KubernetesCluster k = cluster(environment);
        if (k.apiServer().isEmpty() || k.token().isEmpty()) {
            throw new ToolException(ToolFailure.TRANSPORT_UNAVAILABLE, "environment " + environment
                    + " declares no kubernetes.api-server and kubernetes.token for the HTTP fallback", null);
        }
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(k.apiServer().get().toString())
                .withOauthToken(resolve(k.token().get()))
                .withTrustCerts(false)
                .withRequestTimeout(30_000)
                .withConnectionTimeout(10_000)
                // HTTP/1.1: the API server speaks it everywhere, and the JDK client's h2c upgrade over
                // plain http (a local API server) can stall
                .withHttp2Disable(true)
                // no silent retries inside the client: the runtime retries READs only, never a write (S10)
                .withRequestRetryBackoffLimit(0)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** A redactor for an HTTP-fallback call: the patterns plus the environment's API token (S4). */
    public Redactor httpRedactor(String environment) {
        return cluster(environment).token().map(t -> Redactor.patterns().with(List.of(resolve(t))))
                .orElse(Redactor.patterns());
    }

    /** The secret behind {@code ref}, whose value must also go to the call's redactor. */
    public String resolve(SecretRef ref) {
        return ref.resolve(secretEnvironment).reveal();
    }
}
