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
 * Tool capabilities in plans (application-capabilities.yml: {@code capped} grants fake.get to operators
 * and fake.scale to the token {@code cap-scaler}): a plan needs one for every step to be created, edited
 * and executed there; prod, which grants none, behaves as before.
 */
@MicronautTest(environments = {"test", "capabilities"}, transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
class CapabilityPlanTest {

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject FakeWorld world;
    @Inject JdbcOperations jdbc;
    @Inject TransactionOperations<Connection> tx;

    private TestHttp http;
    private String operator;
    private String scaler;
    private String operatorId;

    @BeforeEach
    void setUp() {
        http = new TestHttp(server.getURL());
        var created = tokens.create(Actor.SYSTEM, "cap-operator", List.of("operator"));
        operator = created.token();
        operatorId = "token:" + created.id();
        scaler = tokens.create(Actor.SYSTEM, "cap-scaler", List.of("operator")).token();
        world.reset();
        world.deploy("web", 2);
    }

    private static String plan(String environment, String... steps) {
        StringBuilder b = new StringBuilder("{\"environment\":\"" + environment + "\",\"summary\":\"s\",\"steps\":[");
        for (int i = 0; i < steps.length; i++) {
            b.append(i == 0 ? "" : ",").append(steps[i]);
        }
        return b.append("]}").toString();
    }

    private static final String GET = "{\"tool\":\"fake\",\"action\":\"get\",\"args\":{\"name\":\"web\"}}";
    private static final String SCALE = "{\"tool\":\"fake\",\"action\":\"scale\",\"args\":{\"name\":\"web\",\"replicas\":3}}";

    @Test
    void shouldRefuseAPlanWithAStepWhoseCapabilityTheRequesterLacksNamingIt() {
        TestHttp.Response r = http.post("/v1/plans", operator, plan("capped", GET, SCALE));

        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.code()).isEqualTo("forbidden");
        assertThat(r.json().path("detail").asText())
                .isEqualTo("step 2 (fake.scale) needs the capability fake.scale in 'capped', which you do not hold");
        assertThat(denials(operatorId, "plan.create")).isEqualTo(1);
    }

    @Test
    void shouldCreateThePlanWhenEveryStepIsHeld() {
        TestHttp.Response byRole = http.post("/v1/plans", operator, plan("capped", GET));
        TestHttp.Response byToken = http.post("/v1/plans", scaler, plan("capped", GET, SCALE));

        assertThat(byRole.status()).as(byRole.body()).isEqualTo(201);
        assertThat(byToken.status()).as(byToken.body()).isEqualTo(201);
    }

    @Test
    void shouldLeaveAnEnvironmentWithoutToolCapabilitiesAsItWas() {
        TestHttp.Response r = http.post("/v1/plans", operator, plan("prod", GET, SCALE));

        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    @Test
    void shouldRefuseEditingInAStepTheEditorLacks() {
        String id = http.post("/v1/plans", operator, plan("capped", GET)).json().path("id").asText();

        TestHttp.Response r = http.put("/v1/plans/" + id + "/steps", operator, "{\"steps\":[" + SCALE + "]}");

        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.json().path("detail").asText()).contains("step 1 (fake.scale)");
        assertThat(denials(operatorId, "plan.edit")).isEqualTo(1);
    }

    @Test
    void shouldRefuseExecutingAPlanWhoseStepsTheExecutorLacksBeforeItsState() {
        String id = http.post("/v1/plans", scaler, plan("capped", GET, SCALE)).json().path("id").asText();

        TestHttp.Response r = http.post("/v1/plans/" + id + "/execute", operator, "");

        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.code()).as("refused before the approval it lacks").isEqualTo("forbidden");
        assertThat(r.json().path("detail").asText()).contains("step 2 (fake.scale)");
        assertThat(denials(operatorId, "plan.execute")).isEqualTo(1);
        assertThat(http.post("/v1/plans/" + id + "/execute", scaler, "").code())
                .as("the scaler holds both; the plan then waits for its approval").isEqualTo("approval_required");
    }

    private long denials(String actor, String action) {
        return tx.executeRead(s -> jdbc.prepareStatement("SELECT COUNT(*) FROM audit_event WHERE actor = ? AND action = ?"
                + " AND decision = 'DENY'", ps -> {
                    ps.setString(1, actor);
                    ps.setString(2, action);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }));
    }
}
