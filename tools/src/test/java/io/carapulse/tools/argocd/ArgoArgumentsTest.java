package io.carapulse.tools.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.tools.process.ProcessRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The typed arguments of the argocd family: the schema GET /v1/tools publishes is generated from each
 * action's arguments record, and the same record refuses a bad call at plan time.
 */
class ArgoArgumentsTest {

    @TempDir
    Path emptyPath;

    private final ProcessRunner runner = new ProcessRunner();

    @AfterEach
    void closeRunner() {
        runner.close();
    }

    private ToolAction action(String name) {
        return ArgoTestSupport.adapter("argocd.example.com:443", emptyPath, runner).action(name).orElseThrow();
    }

    private JsonNode schema(String name) {
        return action(name).descriptor().argumentSchema();
    }

    @Test
    void shouldGenerateTheRollbackSchemaWithAppAndIdRequired() {
        JsonNode s = schema("app-rollback");

        assertThat(s.path("required")).extracting(JsonNode::asText).containsExactly("app", "id");
        assertThat(s.at("/properties/app/type").asText()).isEqualTo("string");
        assertThat(s.at("/properties/app/pattern").asText()).isEqualTo(ArgoAction.APP_NAME);
        assertThat(s.at("/properties/id/type").asText()).isEqualTo("integer");
        assertThat(s.at("/properties/id/minimum").asLong()).isZero();
        assertThat(s.at("/properties/id/maximum").asLong()).isEqualTo(Integer.MAX_VALUE);
        assertThat(s.path("additionalProperties").asBoolean(true)).isFalse();
    }

    @Test
    void shouldGenerateTheSyncSchemaWithOnlyAppRequiredAndTheRevisionPattern() {
        JsonNode s = schema("app-sync");

        assertThat(s.path("required")).extracting(JsonNode::asText).containsExactly("app");
        assertThat(s.at("/properties/revision/pattern").asText()).isEqualTo(ArgoAction.REVISION);
        assertThat(s.at("/properties/prune/type").asText()).isEqualTo("boolean");
        assertThat(s.at("/properties/dryRun/type").asText()).isEqualTo("boolean");
    }

    @Test
    void shouldGenerateTheWaitRangeAndAnEmptyListSchema() {
        assertThat(schema("app-wait").at("/properties/timeoutSeconds/minimum").asInt()).isEqualTo(1);
        assertThat(schema("app-wait").at("/properties/timeoutSeconds/maximum").asInt()).isEqualTo(3600);
        assertThat(schema("app-wait").path("required")).extracting(JsonNode::asText).containsExactly("app");
        assertThat(schema("app-list").path("properties").isEmpty()).isTrue();
        assertThat(schema("app-list").path("required").isEmpty()).isTrue();
    }

    @ParameterizedTest(name = "{0} {1} → refused naming {2}")
    @CsvSource(delimiter = '|', textBlock = """
            app-sync     | {"app": "-checkout"}                         | app
            app-sync     | {"app": "checkout", "revision": "--force"}   | revision
            app-sync     | {"app": "checkout", "prune": "yes"}          | prune
            app-rollback | {"app": "checkout"}                          | id
            app-rollback | {"app": "checkout", "id": -1}                | id
            app-wait     | {"app": "checkout", "timeoutSeconds": 7200}  | timeoutSeconds
            app-get      | {"app": "checkout", "server": "evil:443"}    | server
            app-list     | {"project": "platform"}                      | project
            """)
    void shouldRefuseABadArgumentAtPlanTimeNamingIt(String name, String args, String argument) {
        assertThat(action(name).argumentProblems(ArgoTestSupport.call(name, args)))
                .singleElement().asString().contains(argument);
    }

    @Test
    void shouldFindNoArgumentProblemInAValidCall() {
        assertThat(action("app-sync").argumentProblems(ArgoTestSupport.call("app-sync",
                "{\"app\": \"checkout\", \"revision\": \"v1.4.2\", \"prune\": true}"))).isEmpty();
    }
}
