package io.carapulse.tools.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.config.SecretRef;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code helm} block of an environment: the Git repository Helm's {@code values_ref} files come from (optional). */
class HelmValuesConfigTest {

    private static ApplicationContext start(String yaml) {
        Map<String, Object> map = new YamlPropertySourceLoader().read("test.yml", yaml.getBytes(StandardCharsets.UTF_8));
        return ApplicationContext.builder().propertySources(PropertySource.of("test.yml", map)).start();
    }

    /** The values repository of {@code environment}'s {@code helm} block, if it declares one. */
    private static Optional<HelmInventory.Values> values(EnvironmentCatalog catalog, String environment) {
        return catalog.find(environment).orElseThrow().inventory().part(HelmInventory.class)
                .flatMap(HelmInventory::values);
    }

    private static String trace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    @Test
    void shouldBindTheValuesRepositoryRefAndToken() {
        try (ApplicationContext ctx = start("""
                carapulse:
                  environments:
                    prod:
                      helm:
                        values-repo: https://git.example.com/ops/helm-values.git
                        values-ref: release/2024.06
                        values-token: env:GIT_TOKEN
                """)) {
            HelmInventory.Values h = values(ctx.getBean(EnvironmentCatalog.class), "prod").orElseThrow();
            assertThat(h.repo()).isEqualTo(URI.create("https://git.example.com/ops/helm-values.git"));
            assertThat(h.ref()).isEqualTo("release/2024.06");
            assertThat(h.token()).hasValue(new SecretRef("env", "GIT_TOKEN"));
        }
    }

    @Test
    void shouldDefaultTheRefToMainAndAcceptAFileRepositoryWithoutTokenOrNoRepositoryAtAll() {
        try (ApplicationContext ctx = start("""
                carapulse:
                  environments:
                    dev:
                      helm:
                        values-repo: file:///srv/git/helm-values.git
                    test: {}
                    charts-only:
                      helm:
                        oci-registries:
                          - prefix: oci://registry.example.com/charts
                """)) {
            EnvironmentCatalog catalog = ctx.getBean(EnvironmentCatalog.class);
            assertThat(values(catalog, "dev")).hasValue(
                    new HelmInventory.Values(URI.create("file:///srv/git/helm-values.git"), "main", Optional.empty()));
            assertThat(values(catalog, "test")).isEmpty();
            assertThat(values(catalog, "charts-only"))
                    .as("a helm block without values-repo is valid and has no values repository").isEmpty();
        }
    }

    @Test
    void shouldRefuseToStartWithAnUnsafeValuesRepositoryNamingEachKey() {
        Throwable refused = catchThrowable(() -> start("""
                carapulse:
                  environments:
                    prod:
                      helm:
                        values-repo: http://git.example.com/ops/values.git
                        values-ref: --upload-pack=touch
                        values-token: ghp_theTokenItself
                    dev:
                      helm:
                        values-repo: https://user:pass@git.example.com/ops/values.git
                    qa:
                      helm:
                        values-token: env:GIT_TOKEN
                    ext:
                      helm:
                        values-repo: ext::sh -c touch
                        values-ref: a b
                """).getBean(EnvironmentCatalog.class));
        assertThat(refused)
                .hasStackTraceContaining("carapulse.environments.prod.helm.values-repo: must be an https:// URL")
                .hasStackTraceContaining("carapulse.environments.prod.helm.values-ref: '--upload-pack=touch' is not")
                .hasStackTraceContaining("carapulse.environments.prod.helm.values-token")
                .hasStackTraceContaining("carapulse.environments.dev.helm.values-repo: must be an https:// URL")
                .hasStackTraceContaining("carapulse.environments.qa.helm.values-token: there is no values-repo")
                .hasStackTraceContaining("carapulse.environments.ext.helm.values-repo")
                .hasStackTraceContaining("carapulse.environments.ext.helm.values-ref: 'a b' is not");
        assertThat(trace(refused)).as("a secret pasted into the config is not echoed")
                .doesNotContain("ghp_theTokenItself", "user:pass");
    }
}
