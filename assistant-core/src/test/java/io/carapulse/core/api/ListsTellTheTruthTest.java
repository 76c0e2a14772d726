package io.carapulse.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.token.TokenService;
import io.carapulse.testkit.fake.FakeWorld;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A list item carries a field's real value or leaves the field out; it never shows {@code []} or
 * {@code null} for a plan that has steps, an approval and an execution (it did before).
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
class ListsTellTheTruthTest {

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject FakeWorld world;

    @Test
    void shouldLeaveOutWhatAListItemDoesNotCarry() {
        TestHttp http = new TestHttp(server.getURL());
        String operator = tokens.create(Actor.SYSTEM, "operator", List.of("operator")).token();
        String approver = tokens.create(Actor.SYSTEM, "approver", List.of("approver")).token();
        world.reset();
        world.deploy("web", 2);
        String plan = http.post("/v1/plans", operator, "{\"environment\":\"prod\",\"summary\":\"scale\",\"steps\":"
                + "[{\"tool\":\"fake\",\"action\":\"scale\",\"args\":{\"name\":\"web\",\"replicas\":3}}]}")
                .json().get("id").asText();
        http.post("/v1/plans/" + plan + "/approval", approver, "{\"decision\":\"approve\"}");
        String execution = http.post("/v1/plans/" + plan + "/execute", operator, "").json().get("executionId").asText();
        http.awaitExecution(execution, operator);

        JsonNode detail = http.get("/v1/plans/" + plan, operator).json();
        assertThat(detail.get("steps")).hasSize(1);
        assertThat(detail.get("approval").get("status").asText()).isEqualTo("CONSUMED");
        assertThat(detail.get("executionId").asText()).isEqualTo(execution);

        JsonNode item = itemWithId(http.get("/v1/plans", operator).json().get("items"), plan);
        assertThat(item.get("status").asText()).isEqualTo(detail.get("status").asText());
        for (String field : List.of("steps", "approval", "executionId")) {
            assertThat(item.has(field)).as("list item has '%s': %s", field, item).isFalse();
        }

        JsonNode run = itemWithId(http.get("/v1/executions", operator).json().get("items"), execution);
        assertThat(run.has("steps")).as(run.toString()).isFalse();
        assertThat(http.get("/v1/executions/" + execution, operator).json().get("steps")).hasSize(1);

        String session = http.post("/v1/sessions", operator, "{\"environment\":\"prod\"}").json().get("id").asText();
        JsonNode sessionItem = itemWithId(http.get("/v1/sessions", operator).json(), session);
        assertThat(sessionItem.has("messages")).as(sessionItem.toString()).isFalse();
        assertThat(http.get("/v1/sessions/" + session, operator).json().get("messages").isArray()).isTrue();
    }

    @Test
    void shouldLeaveOutAnApprovalAndExecutionAPlanDoesNotHave() {
        TestHttp http = new TestHttp(server.getURL());
        String operator = tokens.create(Actor.SYSTEM, "operator", List.of("operator")).token();
        JsonNode read = http.post("/v1/plans", operator, "{\"environment\":\"prod\",\"summary\":\"read\",\"steps\":"
                + "[{\"tool\":\"fake\",\"action\":\"echo\",\"args\":{\"text\":\"hi\"}}]}").json();
        assertThat(read.has("approval")).as(read.toString()).isFalse();
        assertThat(read.has("executionId")).isFalse();
        assertThat(read.get("steps")).hasSize(1);
    }

    private static JsonNode itemWithId(JsonNode items, String id) {
        for (JsonNode i : items) {
            if (id.equals(i.get("id").asText())) {
                return i;
            }
        }
        throw new AssertionError(id + " not listed in " + items);
    }
}
