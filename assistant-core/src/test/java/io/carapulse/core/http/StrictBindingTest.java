package io.carapulse.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.plan.PlanQueries;
import io.carapulse.core.token.TokenService;
import io.carapulse.testkit.fake.FakeWorld;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Request bodies bind strictly: a value of the wrong shape is refused with the field's JSON path in
 * the client's terms, and nothing is stored. Each case here was accepted before.
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
class StrictBindingTest {

    private static final String STEPS = "[{\"tool\":\"fake\",\"action\":\"scale\",\"args\":{\"name\":\"web\",\"replicas\":3}}]";

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject PlanQueries plans;
    @Inject FakeWorld world;

    private TestHttp http;
    private String admin;
    private String operator;
    private String approver;

    @BeforeEach
    void setUp() {
        http = new TestHttp(server.getURL());
        admin = tokens.create(Actor.SYSTEM, "admin", List.of("admin")).token();
        operator = tokens.create(Actor.SYSTEM, "operator", List.of("operator")).token();
        approver = tokens.create(Actor.SYSTEM, "approver", List.of("approver")).token();
        world.reset();
        world.deploy("web", 2);
    }

    @Test
    void shouldNotTakeAStringForAListOfRoles() {
        var before = tokens.list(Actor.SYSTEM, null, 1, 0).items();
        TestHttp.Response r = http.post("/v1/tokens", admin, "{\"name\":\"sneaky\",\"roles\":\"admin\"}");
        assertRefused(r, 422, "validation_failed", "roles: expected an array");
        assertThat(tokens.list(Actor.SYSTEM, null, 1, 0).items()).isEqualTo(before);
    }

    @Test
    void shouldTakeRolesOnlyAsTheApiSpellsThem() {
        var before = tokens.list(Actor.SYSTEM, null, 1, 0).items();
        TestHttp.Response r = http.post("/v1/tokens", admin, "{\"name\":\"shouting\",\"roles\":[\"ADMIN\"]}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("detail").asText()).contains("ADMIN");
        assertThat(tokens.list(Actor.SYSTEM, null, 1, 0).items()).isEqualTo(before);
    }

    @Test
    void shouldNotApproveWithADecisionInAList() {
        String id = http.post("/v1/plans", operator, plan("\"prod\"", "\"scale web\"")).json().get("id").asText();
        TestHttp.Response r = http.post("/v1/plans/" + id + "/approval", approver, "{\"decision\":[\"approve\"]}");
        assertRefused(r, 422, "validation_failed", "decision: expected a string");
        assertThat(http.get("/v1/plans/" + id, operator).json().get("status").asText()).isEqualTo("AWAITING_APPROVAL");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            summary as a number          | {"environment":"prod","summary":1,"steps":STEPS}                         | 422 | summary: expected a string
            environment as a list        | {"environment":["prod"],"summary":"s","steps":STEPS}                     | 422 | environment: expected a string
            steps as an object           | {"environment":"prod","summary":"s","steps":{}}                          | 422 | steps: expected an array
            a step as a string           | {"environment":"prod","summary":"s","steps":["kubectl get"]}             | 422 | steps[0]: expected an object
            timeout as a string          | {"environment":"prod","summary":"s","steps":[{"tool":"fake","action":"scale","args":{"name":"web","replicas":3},"timeoutSeconds":"30"}]} | 422 | steps[0].timeoutSeconds: expected a whole number
            timeout with a fraction      | {"environment":"prod","summary":"s","steps":[{"tool":"fake","action":"scale","args":{"name":"web","replicas":3},"timeoutSeconds":30.5}]} | 422 | steps[0].timeoutSeconds: expected a whole number
            args as a list               | {"environment":"prod","summary":"s","steps":[{"tool":"fake","action":"scale","args":[]}]}   | 422 | steps[0].args: expected an object
            an unknown field in a step   | {"environment":"prod","summary":"s","steps":[{"tool":"fake","action":"scale","args":{},"class":"READ"}]} | 422 | steps[0].class: unknown field
            a duplicate key              | {"environment":"dev","environment":"prod","summary":"s","steps":STEPS}   | 422 | duplicate field 'environment'
            a duplicate key in args      | {"environment":"prod","summary":"s","steps":[{"tool":"fake","action":"scale","args":{"name":"a","name":"web","replicas":3}}]} | 422 | duplicate field 'name'
            content after the value      | {"environment":"prod","summary":"s","steps":STEPS} {}                    | 400 | content after its JSON value
            not JSON at all              | {environment: prod}                                                      | 400 | not valid JSON
            """)
    void shouldRefuseBodiesOfTheWrongShapeAndStoreNothing(String name, String body, int status, String detail) {
        var before = plans.list(null, null, null, null, 1).items();
        TestHttp.Response r = http.post("/v1/plans", operator, body.replace("STEPS", STEPS));
        assertRefused(r, status, status == 400 ? "malformed_request" : "validation_failed", detail);
        assertThat(plans.list(null, null, null, null, 1).items()).as("plans stored").isEqualTo(before);
    }

    private static String plan(String environment, String summary) {
        return "{\"environment\":" + environment + ",\"summary\":" + summary + ",\"steps\":" + STEPS + "}";
    }

    private static void assertRefused(TestHttp.Response r, int status, String code, String detail) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.json().get("detail").asText()).contains(detail)
                .doesNotContain("io.carapulse", "java.", "Jackson", "deserializ");
    }
}
