package io.carapulse.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.CarapulseVersion;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.token.TokenService;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The small reads assistantctl needs: the server's version, one evidence record, an execution's events as JSON. */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
class ClientEndpointsTest {

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;

    private TestHttp http;
    private String operator;
    private String viewer;

    @BeforeEach
    void setUp() {
        http = new TestHttp(server.getURL());
        operator = tokens.create(Actor.SYSTEM, "operator", List.of("operator")).token();
        viewer = tokens.create(Actor.SYSTEM, "viewer", List.of("viewer")).token();
    }

    @Test
    void shouldReportTheBuildVersionToAuthenticatedCallersOnly() {
        TestHttp.Response version = http.get("/v1/version", viewer);
        assertThat(version.status()).isEqualTo(200);
        assertThat(version.json().get("version").asText()).isEqualTo(CarapulseVersion.current()).doesNotContain("${");
        assertThat(http.get("/v1/version", null).code()).isEqualTo("unauthenticated");
    }

    @Test
    void shouldServeOneEvidenceRecordByIdAndTheEventsRecordedSoFar() {
        String plan = http.post("/v1/plans", operator, "{\"environment\":\"prod\",\"summary\":\"read\",\"steps\":"
                + "[{\"tool\":\"fake\",\"action\":\"echo\",\"args\":{\"text\":\"one\\ntwo\\nthree\"}}]}").json()
                .get("id").asText();
        String execution = http.post("/v1/plans/" + plan + "/execute", operator, "").json().get("executionId").asText();
        http.awaitExecution(execution, viewer);

        JsonNode listed = http.get("/v1/executions/" + execution + "/evidence", viewer).json();
        String evidenceId = listed.get(0).get("id").asText();
        TestHttp.Response one = http.get("/v1/evidence/" + evidenceId, viewer);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json()).isEqualTo(listed.get(0));
        TestHttp.Response missing = http.get("/v1/evidence/evd_nope", viewer);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("not_found");

        JsonNode events = http.get("/v1/executions/" + execution + "/event-log", viewer).json();
        assertThat(events.findValuesAsText("type")).startsWith("execution.running").endsWith("execution.finished")
                .contains("step.output");
        assertThat(events.findValuesAsText("line")).containsExactly("one", "two", "three");
        long third = events.get(2).get("seq").asLong();
        JsonNode rest = http.get("/v1/executions/" + execution + "/event-log?after=" + third + "&limit=2", viewer).json();
        assertThat(rest).hasSize(2);
        assertThat(rest.get(0)).isEqualTo(events.get(3));
        assertThat(http.get("/v1/executions/exe_nope/event-log", viewer).code()).isEqualTo("not_found");
        assertThat(http.get("/v1/executions/" + execution + "/event-log?limit=0", viewer).code()).isEqualTo("validation_failed");
    }
}
