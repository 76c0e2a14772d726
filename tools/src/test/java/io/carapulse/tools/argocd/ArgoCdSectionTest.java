package io.carapulse.tools.argocd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.config.SecretRef;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** S6: the Argo CD an environment declares under {@code argocd}, bound from YAML and validated at start-up. */
class ArgoCdSectionTest {

    private static ApplicationContext start(String yaml) {
        Map<String, Object> map = new YamlPropertySourceLoader().read("test.yml", yaml.getBytes(StandardCharsets.UTF_8));
        return ApplicationContext.builder().propertySources(PropertySource.of("test.yml", map)).start();
    }

    @Test
    void shouldBindTheArgoCdOfAnEnvironment() {
        try (ApplicationContext ctx = start("""
                carapulse:
                  environments:
                    prod:
                      argocd:
                        server: argocd.example.com:443
                        token: env:ARGOCD_TOKEN
                        projects: [web, payments]
                    dev: {}
                """)) {
            EnvironmentCatalog catalog = ctx.getBean(EnvironmentCatalog.class);
            ArgoCdInstance argocd = catalog.find("prod").orElseThrow().inventory().part(ArgoCdInstance.class)
                    .orElseThrow();
            assertThat(argocd.server()).isEqualTo("argocd.example.com:443");
            assertThat(argocd.token()).isEqualTo(new SecretRef("env", "ARGOCD_TOKEN"));
            assertThat(argocd.projects()).containsExactlyInAnyOrder("web", "payments");
            assertThat(argocd.describe()).containsExactly("Argo CD (the runtime adds the server); projects: payments, web");
            assertThat(catalog.find("dev").orElseThrow().inventory().part(ArgoCdInstance.class)).isEmpty();
        }
    }

    @Test
    void shouldRefuseToStartWithAnIncompleteArgoCdNamingEachKey() {
        Throwable refused = catchThrowable(() -> start("""
                carapulse:
                  environments:
                    prod:
                      argocd:
                        server: argocd.example.com
                    staging:
                      argocd:
                        token: env:ARGOCD_TOKEN
                        projects: [Web_1]
                """).getBean(EnvironmentCatalog.class));
        assertThat(refused)
                .hasStackTraceContaining("carapulse.environments.prod.argocd.token: the Argo CD token is required")
                .hasStackTraceContaining("carapulse.environments.prod.argocd.projects: list the Argo CD projects")
                .hasStackTraceContaining("carapulse.environments.staging.argocd.server: the Argo CD server is required")
                .hasStackTraceContaining("carapulse.environments.staging.argocd.projects: 'Web_1' is not a valid name");
    }
}
