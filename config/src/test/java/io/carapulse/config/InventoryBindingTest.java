package io.carapulse.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** S6: the inventory an environment declares, bound from YAML and validated at start-up. */
class InventoryBindingTest {

    private static ApplicationContext start(String yaml) {
        Map<String, Object> map = new YamlPropertySourceLoader().read("test.yml", yaml.getBytes(StandardCharsets.UTF_8));
        return ApplicationContext.builder().propertySources(PropertySource.of("test.yml", map)).start();
    }

    @Test
    void shouldBindTheClusterAndArgoCdOfAnEnvironment() {
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
                      argocd:
                        server: argocd.example.com:443
                        token: env:ARGOCD_TOKEN
                        projects: [web]
                    dev: {}
                """)) {
            EnvironmentCatalog catalog = ctx.getBean(EnvironmentCatalog.class);
            Inventory prod = catalog.find("prod").orElseThrow().inventory();
            Inventory.Kubernetes k = prod.kubernetes().orElseThrow();
            assertThat(k.context()).hasValue("prod-eu");
            assertThat(k.kubeconfig()).hasValue(new SecretRef("file", "/etc/carapulse/prod.kubeconfig"));
            assertThat(k.apiServer()).hasValue(URI.create("https://k8s.prod.example.com:6443"));
            assertThat(k.token()).hasValue(new SecretRef("env", "PROD_KUBE_TOKEN"));
            assertThat(k.namespaces()).containsExactlyInAnyOrder("web", "payments");
            assertThat(k.allows("kube-system")).isFalse();
            assertThat(prod.argocd().orElseThrow().projects()).containsExactly("web");
            assertThat(catalog.find("dev").orElseThrow().inventory()).isEqualTo(Inventory.NONE);
        }
    }

    @Test
    void shouldRefuseToStartWithAnUnsafeInventoryNamingEachKey() {
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> start("""
                carapulse:
                  environments:
                    prod:
                      kubernetes:
                        api-server: http://k8s.example.com
                        token: the-token-itself
                        namespaces: [Web_1]
                      argocd:
                        server: argocd.example.com
                """).getBean(EnvironmentCatalog.class));
        assertThat(refused)
                .hasStackTraceContaining("carapulse.environments.prod.kubernetes.api-server: must be an https:// URL")
                .hasStackTraceContaining("carapulse.environments.prod.kubernetes.token")
                .hasStackTraceContaining("'Web_1' is not a valid name")
                .hasStackTraceContaining("carapulse.environments.prod.argocd.token")
                .hasStackTraceContaining("carapulse.environments.prod.argocd.projects");
        java.io.StringWriter trace = new java.io.StringWriter();
        refused.printStackTrace(new java.io.PrintWriter(trace));
        assertThat(trace.toString()).as("a secret pasted into the config is not echoed").doesNotContain("the-token-itself");
    }
}
