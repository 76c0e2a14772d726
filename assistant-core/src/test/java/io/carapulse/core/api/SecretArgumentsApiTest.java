package io.carapulse.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.chat.ScriptedLlm;
import io.carapulse.core.common.Json;
import io.carapulse.core.plan.PlanQueries;
import io.carapulse.core.token.TokenService;
import io.carapulse.testkit.fake.FakeWorld;
import io.micronaut.context.annotation.Property;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * S4 at the door: a secret typed into a plan's arguments is refused before anything is stored
 * ({@code 422 secret_in_arguments}), whether the plan comes from the API, an edit, or the model in a
 * chat; the refusal names where the secret is and what kind, never the value, and is audited.
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
@Property(name = "carapulse.test.scripted-llm", value = "true")
class SecretArgumentsApiTest {

    /** The part of each sample that must never be stored or answered. */
    static Stream<Arguments> secrets() {
        return Stream.of(
                Arguments.of("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
                Arguments.of("AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE"),
                Arguments.of("git clone with ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8",
                        "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"),
                Arguments.of("Authorization: Bearer abc123.DEF456-ghi_789", "abc123.DEF456-ghi_789"),
                Arguments.of("-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7bq0\nZ2V0IHlvdXIgb3du\n"
                        + "-----END RSA PRIVATE KEY-----", "MIIEpAIBAAKCAQEA7bq0"),
                Arguments.of("psql password=s3cr3tPass host=db", "s3cr3tPass"));
    }

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject PlanQueries plans;
    @Inject FakeWorld world;
    @Inject ScriptedLlm model;
    @Inject JdbcOperations jdbc;
    @Inject TransactionOperations<Connection> tx;

    private TestHttp http;
    private String operator;
    private String admin;

    @BeforeEach
    void setUp() {
        http = new TestHttp(server.getURL());
        operator = tokens.create(Actor.SYSTEM, "operator", List.of("operator")).token();
        admin = tokens.create(Actor.SYSTEM, "ada", List.of("admin")).token();
        world.reset();
        world.deploy("web", 2);
        model.reset();
    }

    @ParameterizedTest
    @MethodSource("secrets")
    void shouldRefuseAPlanWhoseArgumentsCarryASecretAndStoreNothing(String value, String secret) {
        var before = plans.list(null, null, null, null, 1).items();

        TestHttp.Response r = http.post("/v1/plans", operator, plan(echo("hello"), echo(value)));

        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.code()).isEqualTo("secret_in_arguments");
        JsonNode problem = r.json();
        assertThat(problem.get("detail").asText()).contains("steps[1].args.text")
                .contains("docs/security-model.md#secrets-in-plan-arguments");
        assertThat(problem.at("/errors/0/step").asInt()).isEqualTo(1);
        assertThat(problem.at("/errors/0/path").asText()).isEqualTo("steps[1].args.text");
        assertThat(problem.at("/errors/0/kind").asText()).isNotBlank();
        assertThat(r.body()).doesNotContain(secret);

        assertThat(plans.list(null, null, null, null, 1).items()).isEqualTo(before);
        assertThat(rowsContaining("plan_step", "args_json", secret)).isZero();
        assertThat(rowsContaining("audit_event", "details_json", secret)).isZero();
        String denials = http.get("/v1/audit?action=plan.create&decision=deny", admin).body();
        assertThat(denials).contains("secret_in_arguments").contains("steps[1].args.text").doesNotContain(secret);
    }

    @Test
    void shouldRefuseAStepEditThatCarriesASecretAndKeepTheStepsAsTheyWere() {
        JsonNode created = http.post("/v1/plans", operator, plan(echo("hello"))).json();
        String id = created.get("id").asText();
        String secret = "glpat-Zq9xV7pL2mK4Wn8rT3yB";

        TestHttp.Response r = http.put("/v1/plans/" + id + "/steps", operator,
                Json.write(Map.of("steps", List.of(echo("deploy token " + secret)))));

        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("secret_in_arguments");
        assertThat(r.json().at("/errors/0/path").asText()).isEqualTo("steps[0].args.text");
        assertThat(r.json().at("/errors/0/kind").asText()).isEqualTo("GitLab token");
        assertThat(r.body()).doesNotContain(secret);
        JsonNode after = http.get("/v1/plans/" + id, operator).json();
        assertThat(after.get("fingerprint").asText()).isEqualTo(created.get("fingerprint").asText());
        assertThat(after.at("/steps/0/args/text").asText()).isEqualTo("hello");
        assertThat(rowsContaining("plan_step", "args_json", secret)).isZero();
        assertThat(rowsContaining("audit_event", "details_json", secret)).isZero();
        assertThat(http.get("/v1/audit?action=plan.edit&decision=deny&subject=" + id, admin).body())
                .contains("secret_in_arguments").doesNotContain(secret);
    }

    @Test
    void shouldRefuseAPlanTheModelProposesWithASecretAndTellTheModelWhyWithoutTheValue() {
        String secret = "hvs.CAESIJ0123456789abcdefXYZ";
        String session = http.post("/v1/sessions", operator, "{\"environment\":\"prod\"}").json().get("id").asText();
        var before = plans.list(null, null, null, null, 1).items();
        model.calls("c1", "propose_plan", Json.write(Map.of("summary", "log in to vault",
                        "steps", List.of(echo("vault login " + secret)))))
                .says("I cannot put a token in a plan.");

        TestHttp.Response stream = http.send("POST", "/v1/sessions/" + session + "/messages", operator,
                "application/json", "{\"text\":\"log in\"}", "Accept", "text/event-stream");

        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.body()).contains("event: tool.call").contains("secret_in_arguments").doesNotContain(secret);
        JsonNode stored = http.get("/v1/sessions/" + session, operator).json();
        assertThat(stored.get("messages").get(2).get("summary").asText()).contains("secret_in_arguments");
        String toModel = ((io.carapulse.api.llm.LlmMessage.ToolOutput) model.requests.get(1).messages().get(2))
                .output();
        assertThat(toModel).contains("secret_in_arguments").contains("steps[0].args.text").contains("Vault token")
                .doesNotContain(secret);
        assertThat(plans.list(null, null, null, null, 1).items()).isEqualTo(before);
        assertThat(rowsContaining("plan_step", "args_json", secret)).isZero();
        assertThat(rowsContaining("audit_event", "details_json", secret)).isZero();
        assertThat(rowsContaining("chat_message", "tool_calls_json", secret)).isZero();
        assertThat(http.get("/v1/sessions/" + session, operator).body()).doesNotContain(secret);
    }

    @ParameterizedTest
    @ValueSource(strings = {"secretName: web-tls", "max_tokens: 5", "AKIA-not-a-key", "ghp_short",
            "rotate the password tomorrow", "Bearer token expired", "https://example.com/path"})
    void shouldAcceptAValueThatOnlyLooksLikeASecret(String value) {
        TestHttp.Response r = http.post("/v1/plans", operator, plan(echo(value)));

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().at("/steps/0/args/text").asText()).isEqualTo(value);
    }

    private static Map<String, Object> echo(String text) {
        return Map.of("tool", "fake", "action", "echo", "args", Map.of("text", text));
    }

    @SafeVarargs
    private static String plan(Map<String, Object>... steps) {
        return Json.write(Map.of("environment", "prod", "summary", "echo", "steps", List.of(steps)));
    }

    private long rowsContaining(String table, String column, String text) {
        return tx.executeRead(s -> jdbc.prepareStatement(
                "SELECT COUNT(*) FROM " + table + " WHERE " + column + " LIKE ?", ps -> {
                    ps.setString(1, "%" + text + "%");
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }));
    }
}
