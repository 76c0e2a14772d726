package io.carapulse.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.carapulse.config.Environment;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.config.InventoryPart;
import io.carapulse.tools.argocd.ArgoCdInstance;
import io.carapulse.tools.helm.HelmInventory;
import io.carapulse.tools.kubernetes.KubernetesCluster;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tool families' inventory sections as the server wires them: each family binds its own key of the
 * same environments (from files and from environment variables), every family's problems come in the
 * one start-up message, and a key no one reads is refused.
 */
class InventorySectionsTest {

    private static ApplicationContext start(String yaml) {
        Map<String, Object> map = new YamlPropertySourceLoader().read("test.yml", yaml.getBytes(StandardCharsets.UTF_8));
        return ApplicationContext.builder().propertySources(PropertySource.of("test.yml", map)).start();
    }

    @Test
    void shouldGiveEachEnvironmentThePartsOfEveryFamilyBesideItsPolicy() {
        try (ApplicationContext ctx = start("""
                carapulse:
                  environments:
                    prod:
                      approve-roles: [approver, admin]
                      approval-ttl: 4h
                      kubernetes:
                        namespaces: [web]
                      argocd:
                        server: argocd.example.com:443
                        token: env:ARGOCD_TOKEN
                        projects: [web]
                      helm:
                        values-repo: https://git.example.com/ops/helm-values.git
                """)) {
            Environment prod = ctx.getBean(EnvironmentCatalog.class).find("prod").orElseThrow();

            assertThat(prod.policy().approvalTtl()).isEqualTo(Duration.ofHours(4));
            assertThat(prod.inventory().parts()).as("in the order of their keys")
                    .hasExactlyElementsOfTypes(ArgoCdInstance.class, HelmInventory.class, KubernetesCluster.class);
            assertThat(prod.inventory().parts()).flatExtracting(InventoryPart::describe).containsExactly(
                    "Argo CD (the runtime adds the server); projects: web",
                    "Helm values files come from the environment's values repository, ref main",
                    "Kubernetes cluster (the runtime adds the context); namespaces: web");
        }
    }

    @Test
    void shouldBindEachFamilysSectionFromEnvironmentVariables() {
        Map<String, Object> variables = Map.of(
                "CARAPULSE_ENVIRONMENTS_PROD_APPROVE_ROLES", "approver,admin",
                "CARAPULSE_ENVIRONMENTS_PROD_KUBERNETES_NAMESPACES", "web,payments",
                "CARAPULSE_ENVIRONMENTS_PROD_KUBERNETES_CONTEXT", "prod-eu",
                "CARAPULSE_ENVIRONMENTS_PROD_ARGOCD_SERVER", "argocd.example.com:443",
                "CARAPULSE_ENVIRONMENTS_PROD_ARGOCD_TOKEN", "env:ARGOCD_TOKEN",
                "CARAPULSE_ENVIRONMENTS_PROD_ARGOCD_PROJECTS", "web",
                "CARAPULSE_ENVIRONMENTS_PROD_HELM_VALUES_REPO", "https://git.example.com/ops/helm-values.git",
                "CARAPULSE_ENVIRONMENTS_PROD_HELM_VALUES_REF", "release");
        try (ApplicationContext ctx = ApplicationContext.builder().propertySources(PropertySource.of("env", variables,
                PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE)).start()) {
            Environment prod = ctx.getBean(EnvironmentCatalog.class).find("prod").orElseThrow();

            assertThat(prod.policy().approveRoles()).hasSize(2);
            KubernetesCluster k = prod.inventory().part(KubernetesCluster.class).orElseThrow();
            assertThat(k.namespaces()).containsExactlyInAnyOrder("web", "payments");
            assertThat(k.context()).hasValue("prod-eu");
            assertThat(prod.inventory().part(ArgoCdInstance.class).orElseThrow().projects()).containsExactly("web");
            assertThat(prod.inventory().part(HelmInventory.class).flatMap(HelmInventory::values).orElseThrow().ref())
                    .isEqualTo("release");
        }
    }

    @Test
    void shouldListTheProblemsOfEveryFamilyAndThePolicyInOneMessage() {
        Throwable refused = catchThrowable(() -> start("""
                carapulse:
                  environments:
                    prod:
                      approve-roles: [aprover]
                      kubernetes:
                        namespaces: [Web_1]
                      argocd:
                        server: argocd.example.com
                      helm:
                        values-token: env:GIT_TOKEN
                """).getBean(EnvironmentCatalog.class));

        assertThat(refused)
                .hasStackTraceContaining("carapulse.environments.prod.approve-roles: unknown role 'aprover'")
                .hasStackTraceContaining("carapulse.environments.prod.kubernetes.namespaces: 'Web_1' is not a valid name")
                .hasStackTraceContaining("carapulse.environments.prod.argocd.token")
                .hasStackTraceContaining("carapulse.environments.prod.helm.values-token: there is no values-repo");
    }

    @Test
    void shouldRefuseAKeyUnderAnEnvironmentThatNoFamilyReads() {
        Throwable refused = catchThrowable(() -> start("""
                carapulse:
                  environments:
                    prod:
                      kubernets:
                        namespaces: [web]
                      argocd:
                        server: argocd.example.com:443
                        token: env:ARGOCD_TOKEN
                        projects: [web]
                """).getBean(EnvironmentCatalog.class));

        // the known keys grow with each family; the message names the key and lists the families' sections
        assertThat(refused).hasStackTraceContaining("carapulse.environments.prod.kubernets: unknown key (known: "
                + "[approval-ttl, approvals, approve-roles, argocd, aws, ")
                .hasStackTraceContaining(", kubernetes, pagerduty, request-roles, self-approval");
    }
}
