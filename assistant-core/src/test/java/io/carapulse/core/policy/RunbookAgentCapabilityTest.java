package io.carapulse.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.token.TokenService;
import io.carapulse.testkit.fake.FakeWorld;
import io.micronaut.context.annotation.Property;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A runbook acting as an agent (application-capabilities.yml: {@code capped} grants fake.scale to
 * {@code runbook:cap-scale} and the token {@code cap-scaler}, not to operators): an operator may run
 * cap-scale and start its plan, though the operator may not write that step in a plan of their own, nor
 * through a runbook without the grant. Editing the plan's steps ends the runbook's part: the edit needs
 * the editor's own capabilities, and so does starting the edited plan; retiring the runbook ends it too.
 */
@MicronautTest(environments = {"test", "capabilities"}, transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
class RunbookAgentCapabilityTest {

    private static final String YAML = "application/yaml";
    private static final String SCALE = "{\"tool\":\"fake\",\"action\":\"scale\",\"args\":{\"name\":\"web\",\"replicas\":3}}";

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject FakeWorld world;
    @Inject JdbcOperations jdbc;
    @Inject TransactionOperations<Connection> tx;

    private TestHttp http;
    private String admin;
    private String operator;
    private String scaler;

    @BeforeEach
    void setUp() {
        http = new TestHttp(server.getURL());
        admin = tokens.create(Actor.SYSTEM, "rbc-admin", List.of("admin")).token();
        operator = tokens.create(Actor.SYSTEM, "rbc-operator", List.of("operator")).token();
        scaler = tokens.create(Actor.SYSTEM, "cap-scaler", List.of("operator")).token();
        world.reset();
        world.deploy("web", 2);
        for (String name : List.of("cap-scale", "cap-other")) {
            TestHttp.Response applied = http.send("POST", "/v1/runbooks", admin, YAML, scaleRunbook(name));
            assertThat(applied.status()).as(applied.body()).isIn(200, 201);
        }
    }

    private static String scaleRunbook(String name) {
        return String.join("\n",
                "name: " + name,
                "description: Scale web in capped",
                "environments: [capped]",
                "summary: scale web to 3",
                "steps:",
                "  - tool: fake",
                "    action: scale",
                "    args: {name: web, replicas: 3}",
                "");
    }

    @Test
    void anOperatorShouldRunAndStartTheGrantedRunbookButWriteTheStepNowhereElse() {
        TestHttp.Response ran = http.post("/v1/runbooks/cap-scale/runs", operator, "{\"environment\":\"capped\"}");
        TestHttp.Response other = http.post("/v1/runbooks/cap-other/runs", operator, "{\"environment\":\"capped\"}");
        TestHttp.Response own = http.post("/v1/plans", operator,
                "{\"environment\":\"capped\",\"summary\":\"s\",\"steps\":[" + SCALE + "]}");

        assertThat(ran.status()).as(ran.body()).isEqualTo(201);
        String planId = ran.json().at("/plan/id").asText();
        assertThat(http.post("/v1/plans/" + planId + "/execute", operator, "").code())
                .as("the runbook holds fake.scale; the plan then waits for its approval").isEqualTo("approval_required");
        assertThat(other.status()).as(other.body()).isEqualTo(403);
        assertThat(other.json().path("detail").asText()).contains("step 1 (fake.scale)");
        assertThat(own.status()).as(own.body()).isEqualTo(403);
    }

    @Test
    void editingTheStepsShouldEndTheRunbooksPart() {
        String planId = http.post("/v1/runbooks/cap-scale/runs", operator, "{\"environment\":\"capped\"}")
                .json().at("/plan/id").asText();

        TestHttp.Response byOperator = http.put("/v1/plans/" + planId + "/steps", operator, "{\"steps\":[" + SCALE + "]}");
        TestHttp.Response byScaler = http.put("/v1/plans/" + planId + "/steps", scaler, "{\"steps\":[" + SCALE + "]}");
        TestHttp.Response started = http.post("/v1/plans/" + planId + "/execute", operator, "");

        assertThat(byOperator.status()).as("an edit needs the editor's own capability").isEqualTo(403);
        assertThat(byScaler.status()).as(byScaler.body()).isEqualTo(200);
        assertThat(started.status()).as("the edited plan no longer acts as the runbook").isEqualTo(403);
        assertThat(started.json().path("detail").asText()).contains("step 1 (fake.scale)");
        assertThat(editAudit(planId)).contains("\"runbookAgent\":\"ended\"");
    }

    @Test
    void retiringTheRunbookShouldEndItsPartInThePlansItMade() {
        TestHttp.Response applied = http.send("POST", "/v1/runbooks", admin, YAML, scaleRunbook("cap-scale"));
        assertThat(applied.status()).as(applied.body()).isIn(200, 201);
        String planId = http.post("/v1/runbooks/cap-scale/runs", operator, "{\"environment\":\"capped\"}")
                .json().at("/plan/id").asText();

        assertThat(http.delete("/v1/runbooks/cap-scale", admin).status()).isEqualTo(204);
        TestHttp.Response started = http.post("/v1/plans/" + planId + "/execute", operator, "");
        http.send("POST", "/v1/runbooks", admin, YAML, scaleRunbook("cap-scale")); // back for the other tests

        assertThat(started.status()).as(started.body()).isEqualTo(403);
        assertThat(started.json().path("detail").asText()).contains("step 1 (fake.scale)");
    }

    private String editAudit(String planId) {
        return tx.executeRead(s -> jdbc.prepareStatement("SELECT details_json FROM audit_event WHERE action = 'plan.edit'"
                + " AND decision = 'ALLOW' AND subject_id = ?", ps -> {
                    ps.setString(1, planId);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? rs.getString(1) : "";
                    }
                }));
    }
}
