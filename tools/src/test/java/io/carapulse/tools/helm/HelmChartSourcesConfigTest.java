package io.carapulse.tools.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.carapulse.config.ConfigurationException;
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

/** The chart sources of an environment's {@code helm} block: classic chart repositories and OCI registry prefixes. */
class HelmChartSourcesConfigTest {

    private static ApplicationContext start(String yaml) {
        Map<String, Object> map = new YamlPropertySourceLoader().read("test.yml", yaml.getBytes(StandardCharsets.UTF_8));
        return ApplicationContext.builder().propertySources(PropertySource.of("test.yml", map)).start();
    }

    private static String trace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    @Test
    void shouldBindChartRepositoriesAndOciRegistriesWithTheirCredentialReferences() {
        try (ApplicationContext ctx = start("""
                carapulse:
                  environments:
                    prod:
                      helm:
                        chart-repositories:
                          - name: bitnami
                            url: https://charts.bitnami.com/bitnami
                          - name: internal
                            url: https://charts.example.com/stable
                            username: deploy
                            password: env:HELM_REPO_PASSWORD
                        oci-registries:
                          - prefix: oci://registry.example.com/charts/
                            username: robot
                            password: file:/run/secrets/registry
                          - prefix: oci://ghcr.io/acme
                        values-repo: https://git.example.com/ops/helm-values.git
                """)) {
            HelmInventory helm = ctx.getBean(EnvironmentCatalog.class).find("prod").orElseThrow().inventory()
                    .part(HelmInventory.class).orElseThrow();
            HelmInventory.Charts charts = helm.charts();

            assertThat(charts.repositories()).containsExactly(
                    new HelmInventory.ChartRepository("bitnami", URI.create("https://charts.bitnami.com/bitnami"),
                            Optional.empty(), Optional.empty()),
                    new HelmInventory.ChartRepository("internal", URI.create("https://charts.example.com/stable"),
                            Optional.of("deploy"), Optional.of(new SecretRef("env", "HELM_REPO_PASSWORD"))));
            assertThat(charts.registries()).containsExactly(
                    new HelmInventory.OciRegistry("oci://registry.example.com/charts", Optional.of("robot"),
                            Optional.of(new SecretRef("file", "/run/secrets/registry"))),
                    new HelmInventory.OciRegistry("oci://ghcr.io/acme", Optional.empty(), Optional.empty()));
            assertThat(helm.values()).isPresent();
        }
    }

    @Test
    void shouldMatchOciReferencesOnlyUnderADeclaredPrefix() {
        HelmInventory.Charts charts = new HelmInventory.Charts(java.util.List.of(), java.util.List.of(
                new HelmInventory.OciRegistry("oci://registry.example.com/charts", Optional.empty(), Optional.empty()),
                new HelmInventory.OciRegistry("oci://registry.example.com/charts/team", Optional.of("t"),
                        Optional.of(new SecretRef("env", "T")))));

        assertThat(charts.registryFor("oci://registry.example.com/charts/web")).hasValueSatisfying(
                r -> assertThat(r.prefix()).isEqualTo("oci://registry.example.com/charts"));
        assertThat(charts.registryFor("oci://registry.example.com/charts/team/web")).as("the longest prefix")
                .hasValueSatisfying(r -> assertThat(r.username()).hasValue("t"));
        assertThat(charts.registryFor("oci://registry.example.com/charts-evil/web")).isEmpty();
        assertThat(charts.registryFor("oci://registry.example.com/charts")).isEmpty();
        assertThat(charts.registryFor("oci://registry.example.com/charts/")).isEmpty();
        assertThat(charts.registryFor("oci://registry.example.com.evil.io/charts/web")).isEmpty();
        assertThat(charts.registries().get(0).host()).isEqualTo("registry.example.com");
        assertThat(new HelmInventory.OciRegistry("oci://localhost:5000", Optional.empty(), Optional.empty()).host())
                .isEqualTo("localhost:5000");
    }

    @Test
    void shouldRefuseToStartWithBadChartSourcesNamingEachKey() {
        Throwable refused = catchThrowable(() -> start("""
                carapulse:
                  environments:
                    prod:
                      helm:
                        chart-repositories:
                          - name: bitnami
                            url: https://charts.bitnami.com/bitnami
                          - name: bitnami
                            url: https://mirror.example.com/bitnami
                          - name: Bad_Name
                            url: ftp://charts.example.com
                          - name: creds
                            url: https://deploy:hunter2inline@charts.example.com
                          - name: clear
                            url: http://charts.example.com
                            username: deploy
                            password: env:HELM_REPO_PASSWORD
                          - name: pasted
                            url: https://charts.example.com
                            username: deploy
                            password: s3cretPastedPassword
                          - name: nopass
                            url: https://charts.example.com
                            username: deploy
                          - url: https://charts.example.com
                          - name: nourl
                          - name: typo
                            url: https://charts.example.com
                            username: deploy
                            passwd: env:HELM_REPO_PASSWORD
                        oci-registries:
                          - prefix: https://registry.example.com/charts
                          - prefix: oci://Registry.Example.com/charts
                          - prefix: oci://registry.example.com/../charts
                          - prefix: oci://registry.example.com/charts
                          - prefix: oci://registry.example.com/charts/
                          - prefix: oci://registry.example.com/team
                            password: env:REGISTRY_PASSWORD
                          - prefix: oci://registry.example.com/ops
                            username: "robot:x"
                            password: env:REGISTRY_PASSWORD
                """).getBean(EnvironmentCatalog.class));

        String k = "carapulse.environments.prod.helm.";
        assertThat(refused).hasRootCauseInstanceOf(ConfigurationException.class)
                .hasStackTraceContaining(k + "chart-repositories[1].name: the chart repository name 'bitnami' is declared twice")
                .hasStackTraceContaining(k + "chart-repositories[2].name: 'Bad_Name' is not a valid name")
                .hasStackTraceContaining(k + "chart-repositories[2].url: must be an http:// or https:// URL")
                .hasStackTraceContaining(k + "chart-repositories[3].url: must not carry credentials")
                .hasStackTraceContaining(k + "chart-repositories[4].url: a password would travel in clear text over http://")
                .hasStackTraceContaining(k + "chart-repositories[5].password: the value (20 characters, not shown) is not a secret reference")
                .hasStackTraceContaining(k + "chart-repositories[6].password: a username needs a password")
                .hasStackTraceContaining(k + "chart-repositories[7].name: a chart repository needs a name")
                .hasStackTraceContaining(k + "chart-repositories[8].url: a chart repository needs a url")
                .hasStackTraceContaining(k + "chart-repositories[9].passwd: unknown key (known: [name, password, url, username])")
                .hasStackTraceContaining(k + "oci-registries[0].prefix: 'https://registry.example.com/charts' must start with oci://")
                .hasStackTraceContaining(k + "oci-registries[1].prefix: 'oci://Registry.Example.com/charts' is not oci://host")
                .hasStackTraceContaining(k + "oci-registries[2].prefix: 'oci://registry.example.com/../charts' is not")
                .hasStackTraceContaining(k + "oci-registries[4].prefix: the OCI registry prefix 'oci://registry.example.com/charts' is declared twice")
                .hasStackTraceContaining(k + "oci-registries[5].username: a password needs a username")
                .hasStackTraceContaining(k + "oci-registries[6].username: an OCI registry user name cannot contain ':'");
        assertThat(trace(refused)).as("secrets pasted into the config are not echoed")
                .doesNotContain("s3cretPastedPassword", "hunter2inline");
    }

    @Test
    void shouldAllowPlainHttpWithoutCredentialsAndOnTheLoopbackWithThem() {
        try (ApplicationContext ctx = start("""
                carapulse:
                  environments:
                    dev:
                      helm:
                        chart-repositories:
                          - name: public
                            url: http://charts.example.com/public
                          - name: local
                            url: http://127.0.0.1:8879/charts
                            username: dev
                            password: env:HELM_REPO_PASSWORD
                """)) {
            HelmInventory helm = ctx.getBean(EnvironmentCatalog.class).find("dev").orElseThrow().inventory()
                    .part(HelmInventory.class).orElseThrow();
            assertThat(helm.charts().repositories()).extracting(HelmInventory.ChartRepository::name)
                    .containsExactly("public", "local");
        }
    }
}
