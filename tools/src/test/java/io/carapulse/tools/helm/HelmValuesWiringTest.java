package io.carapulse.tools.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolCall;
import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Helm adapter, its values repository and its chart sources wire from configuration, as the server builds them. */
class HelmValuesWiringTest {

    private static final String ARGS = "{\"namespace\": \"shop\", \"release\": \"web\", \"chart\": \"bitnami/web\", "
            + "\"values_ref\": \"web/values.yaml\"}";

    @Test
    void shouldWireTheValuesRepositoryAndChartSourcesOfAnEnvironmentIntoTheUpgrade() {
        Map<String, Object> props = Map.of(
                "carapulse.environments.prod.kubernetes.namespaces", "shop",
                "carapulse.environments.prod.helm.values-repo", "https://git.example.com/ops/helm-values.git",
                "carapulse.environments.prod.helm.chart-repositories[0].name", "bitnami",
                "carapulse.environments.prod.helm.chart-repositories[0].url", "https://charts.bitnami.com/bitnami",
                "carapulse.environments.dev.kubernetes.namespaces", "shop");
        try (ApplicationContext ctx = ApplicationContext.run(props)) {
            ToolAction upgrade = ctx.getBean(HelmAdapter.class).action("upgrade").orElseThrow();

            assertThat(upgrade.targetProblems(HelmCliReadsTest.call("upgrade", ARGS))).isEmpty();
            assertThat(upgrade.targetProblems(new ToolCall("helm", "upgrade",
                    HelmCliReadsTest.call("upgrade", ARGS).args(), "dev"))).containsExactly(
                    "chart 'bitnami/web' names chart repository 'bitnami', which environment dev does not declare "
                            + "(it declares none in helm.chart-repositories)",
                    "values_ref needs a Git repository of Helm values, but environment dev declares no helm.values-repo");
        }
    }
}
