package io.carapulse.tools.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.config.Inventory;
import io.carapulse.config.SecretRef;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** S6: the cluster an environment declares under {@code kubernetes}, bound from YAML and validated at start-up. */
class KubernetesSectionTest {

    private static ApplicationContext start(String yaml) {
        Map<String, Object> map = new YamlPropertySourceLoader().read("test.yml", yaml.getBytes(StandardCharsets.UTF_8));
        return ApplicationContext.builder().propertySources(PropertySource.of("test.yml", map)).start();
    }

    @Test
    void shouldBindTheClusterOfAnEnvironment() {
        try (ApplicationContext ctx = start("""
                carapulse:
                  environments:
                    prod:
                      kubernetes:
                        context: prod-eu
                        kubeconfig: file:/etc/carapulse/prod.kubeconfig
                        api-server: https://k8s.prod.example.com:6443
                        token: env:PROD_KUBE_TOKEN
                        namespaces: [web, payments]
                    dev: {}
                """)) {
            EnvironmentCatalog catalog = ctx.getBean(EnvironmentCatalog.class);
            KubernetesCluster k = catalog.find("prod").orElseThrow().inventory().part(KubernetesCluster.class)
                    .orElseThrow();
            assertThat(k.context()).hasValue("prod-eu");
            assertThat(k.kubeconfig()).hasValue(new SecretRef("file", "/etc/carapulse/prod.kubeconfig"));
            assertThat(k.apiServer()).hasValue(URI.create("https://k8s.prod.example.com:6443"));
            assertThat(k.token()).hasValue(new SecretRef("env", "PROD_KUBE_TOKEN"));
            assertThat(k.namespaces()).containsExactlyInAnyOrder("web", "payments");
            assertThat(k.allows("kube-system")).isFalse();
            assertThat(catalog.find("dev").orElseThrow().inventory()).isEqualTo(Inventory.NONE);
        }
    }

    @Test
    void shouldRefuseToStartWithAnUnsafeClusterNamingEachKey() {
        Throwable refused = catchThrowable(() -> start("""
                carapulse:
                  environments:
                    prod:
                      kubernetes:
                        api-server: http://k8s.example.com
                        token: the-token-itself
                        namespaces: [Web_1]
                    staging:
                      kubernetes:
                        context: --kubeconfig=/etc/shadow
                """).getBean(EnvironmentCatalog.class));
        assertThat(refused)
                .hasStackTraceContaining("carapulse.environments.prod.kubernetes.api-server: must be an https:// URL")
                .hasStackTraceContaining("carapulse.environments.prod.kubernetes.token")
                .hasStackTraceContaining("carapulse.environments.prod.kubernetes.namespaces: 'Web_1' is not a valid name")
                .hasStackTraceContaining("carapulse.environments.staging.kubernetes.context: must not start with '-'")
                .hasStackTraceContaining("carapulse.environments.staging.kubernetes.namespaces: list the namespaces");
        StringWriter trace = new StringWriter();
        refused.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).as("a secret pasted into the config is not echoed").doesNotContain("the-token-itself");
    }

    @Test
    void shouldDescribeTheNamespacesForTheModelWithoutContextOrCredentials() {
        KubernetesCluster k = new KubernetesSection(List.of(new KubernetesProperties("prod",
                new KubernetesProperties.Cluster("prod-eu", "file:/etc/carapulse/prod.kubeconfig",
                        "https://k8s.example.com", "env:PROD_KUBE_TOKEN", List.of("web", "payments")))))
                .load("prod", new ArrayList<>()).orElseThrow();

        assertThat(k.describe()).containsExactly(
                "Kubernetes cluster (the runtime adds the context); namespaces: payments, web");
    }
}
