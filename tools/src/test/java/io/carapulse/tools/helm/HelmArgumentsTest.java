package io.carapulse.tools.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolException;
import io.carapulse.tools.transport.TransportMode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Helm actions' typed arguments: the schema {@code GET /v1/tools} publishes is generated from each
 * action's arguments record, and the rules across fields are refused at plan time by the same parse
 * that runs before execution.
 */
class HelmArgumentsTest {

    private static ToolAction action(String name) {
        return HelmWorld.adapter(null, "https://prod.example.internal:6443", TransportMode.AUTO).action(name)
                .orElseThrow();
    }

    private static ObjectNode schema(String name) {
        return action(name).descriptor().argumentSchema();
    }

    private static List<String> required(String name) {
        return List.of(HelmReleases.JSON.convertValue(schema(name).get("required"), String[].class));
    }

    private static JsonNode property(String action, String property) {
        return schema(action).path("properties").path(property);
    }

    @Test
    void shouldGenerateEachSchemaWithItsRequiredArgumentsFromTheRecord() {
        assertThat(required("list")).containsExactly("namespace");
        assertThat(required("status")).containsExactly("namespace", "release");
        assertThat(required("history")).containsExactly("namespace", "release");
        assertThat(required("get-values")).containsExactly("namespace", "release");
        assertThat(required("upgrade")).containsExactly("namespace", "release", "chart");
        assertThat(required("rollback")).containsExactly("namespace", "release", "revision");
        assertThat(schema("upgrade").path("properties").fieldNames()).toIterable().containsExactly("namespace",
                "release", "chart", "version", "values", "values_ref", "timeout_seconds");
        assertThat(schema("upgrade").path("additionalProperties").asBoolean(true)).isFalse();
    }

    @Test
    void shouldPublishThePatternsAndRangesTheParseEnforces() {
        assertThat(property("status", "namespace").path("pattern").asText()).isEqualTo(HelmArgs.NAMESPACE_RE);
        assertThat(property("status", "release").path("pattern").asText()).isEqualTo(HelmArgs.RELEASE_RE);
        assertThat(property("upgrade", "chart").path("pattern").asText()).isEqualTo(HelmArgs.CHART_RE);
        assertThat(property("upgrade", "chart").path("maxLength").asInt()).isEqualTo(300);
        assertThat(property("upgrade", "version").path("pattern").asText()).isEqualTo(HelmArgs.VERSION_RE);
        assertThat(property("upgrade", "values_ref").path("pattern").asText()).isEqualTo(HelmArgs.VALUES_REF_RE);
        assertThat(property("upgrade", "values_ref").path("maxLength").asInt()).isEqualTo(206);
        assertThat(property("upgrade", "values").path("type").asText()).isEqualTo("object");
        for (String action : List.of("upgrade", "rollback")) {
            assertThat(property(action, "timeout_seconds").path("minimum").asInt()).isEqualTo(30);
            assertThat(property(action, "timeout_seconds").path("maximum").asInt()).isEqualTo(1800);
        }
        for (String action : List.of("get-values", "rollback")) {
            assertThat(property(action, "revision").path("type").asText()).isEqualTo("integer");
            assertThat(property(action, "revision").path("minimum").asInt()).isEqualTo(1);
            assertThat(property(action, "revision").path("maximum").asLong()).isEqualTo(Integer.MAX_VALUE);
        }
        assertThat(property("get-values", "all").path("type").asText()).isEqualTo("boolean");
    }

    @Test
    void shouldRefuseInlineValuesTogetherWithValuesRefAtPlanTime() {
        var both = HelmCliReadsTest.call("upgrade", "{\"namespace\": \"shop\", \"release\": \"web\", "
                + "\"chart\": \"bitnami/web\", \"values\": {\"replicas\": 2}, \"values_ref\": \"web/values.yaml\"}");

        assertThat(action("upgrade").argumentProblems(both)).singleElement().asString()
                .contains("values and values_ref are mutually exclusive");
        assertThat(action("upgrade").argumentProblems(HelmCliReadsTest.call("upgrade", "{\"namespace\": \"shop\", "
                + "\"release\": \"web\", \"chart\": \"bitnami/web\", \"values_ref\": \"web/values.yaml\"}"))).isEmpty();
    }

    @Test
    void shouldRefuseAValuesRefWithADotDotSegmentEvenWhenBuiltWithoutThePattern() {
        assertThatThrownBy(() -> new HelmUpgrade.Arguments("shop", "web", "bitnami/web", Optional.empty(),
                Optional.empty(), Optional.of("web/../../etc/x.yaml"), Optional.empty()))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_arguments");
                    assertThat(e.getMessage()).contains("'..' segment");
                });
    }

    @Test
    void shouldRefuseARollbackWithoutAPositiveRevisionAtPlanTime() {
        ToolAction rollback = action("rollback");

        assertThat(rollback.argumentProblems(HelmCliReadsTest.call("rollback",
                "{\"namespace\": \"shop\", \"release\": \"web\"}"))).singleElement().asString().contains("revision");
        assertThat(rollback.argumentProblems(HelmCliReadsTest.call("rollback",
                "{\"namespace\": \"shop\", \"release\": \"web\", \"revision\": 0}"))).singleElement().asString()
                .contains("revision");
        assertThat(rollback.argumentProblems(HelmCliReadsTest.call("rollback",
                "{\"namespace\": \"shop\", \"release\": \"web\", \"revision\": 3}"))).isEmpty();
    }
}
