package io.carapulse.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /v1/tokens} end to end: HTTP, security filter, service, database, audit. */
@MicronautTest(transactional = false)
class TokenApiTest {

    @Inject
    EmbeddedServer server;
    @Inject
    TokenService tokens;
    @Inject
    ApiTokenRepository repository;
    @Inject
    JdbcOperations jdbc;

    private TestHttp http;
    private String admin;

    @BeforeEach
    void setUp() {
        http = new TestHttp(server.getURL());
        admin = tokens.create(Actor.SYSTEM, "test-admin", List.of("admin")).token();
    }

    private TestHttp.Response create(String token, String name, String rolesJson) {
        return http.post("/v1/tokens", token, "{\"name\":\"" + name + "\",\"roles\":" + rolesJson + "}");
    }

    @Test
    void shouldShowTheTokenOnceAtCreationAndNeverInTheListing() {
        TestHttp.Response created = create(admin, "ci.deploy-bot_1", "[\"operator\",\"viewer\"]");

        assertThat(created.status()).isEqualTo(201);
        String token = created.json().path("token").asText();
        String id = created.json().path("id").asText();
        assertThat(token).matches("cpt_[A-Za-z0-9_-]{43}");
        assertThat(created.json().path("roles").toString()).isEqualTo("[\"viewer\",\"operator\"]");
        TestHttp.Response list = http.get("/v1/tokens?limit=500", admin);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(token).contains(id);
        assertThat(list.json().path("items").get(0).has("token")).isFalse();
        assertThat(repository.findById(id).orElseThrow().tokenHash()).hasSize(64).isNotEqualTo(token);
    }

    @Test
    void shouldAuthenticateWithANewTokenUntilItIsRevoked() {
        JsonNode created = create(admin, "short-lived", "[\"viewer\"]").json();
        String token = created.path("token").asText();
        String id = created.path("id").asText();

        TestHttp.Response me = http.get("/v1/me", token);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("subject").asText()).isEqualTo("token:" + id);
        assertThat(me.json().path("name").asText()).isEqualTo("short-lived");
        assertThat(me.json().path("authKind").asText()).isEqualTo("api_token");
        assertThat(me.json().path("roles").toString()).isEqualTo("[\"viewer\"]");

        assertThat(http.delete("/v1/tokens/" + id, admin).status()).isEqualTo(204);
        TestHttp.Response after = http.get("/v1/me", token);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.code()).isEqualTo("unauthenticated");
        assertThat(http.delete("/v1/tokens/" + id, admin).status()).as("revoking twice").isEqualTo(204);
        assertThat(auditCount("token.revoke", "ALLOW", id)).isEqualTo(2);
        assertThat(auditCount("token.create", "ALLOW", id)).isEqualTo(1);
    }

    @Test
    void shouldRefuseNonAdminsAndAuditTheRefusal() {
        String operator = create(admin, "operator-bot", "[\"operator\",\"approver\"]").json().path("token").asText();
        String operatorId = "token:" + repository.newest(500).stream()
                .filter(r -> r.name().equals("operator-bot")).findFirst().orElseThrow().id();

        TestHttp.Response post = create(operator, "sneaky", "[\"admin\"]");
        TestHttp.Response list = http.get("/v1/tokens", operator);

        assertThat(post.status()).isEqualTo(403);
        assertThat(post.contentType()).startsWith("application/problem+json");
        assertThat(post.code()).isEqualTo("forbidden");
        assertThat(list.status()).isEqualTo(403);
        assertThat(auditCountByActor(operatorId, "token.create", "DENY")).isEqualTo(1);
        assertThat(auditCountByActor(operatorId, "token.list", "DENY")).isEqualTo(1);
        assertThat(repository.newest(500)).noneMatch(r -> r.name().equals("sneaky"));
    }

    @Test
    void shouldRejectBadNamesAndRolesAsValidationFailures() {
        List<TestHttp.Response> refused = List.of(
                create(admin, "has space", "[\"viewer\"]"),
                create(admin, "", "[\"viewer\"]"),
                create(admin, "x".repeat(101), "[\"viewer\"]"),
                create(admin, "fine", "[]"),
                create(admin, "fine", "[\"root\"]"),
                http.post("/v1/tokens", admin, "{\"name\":\"fine\"}"));

        assertThat(refused).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(422);
            assertThat(r.code()).isEqualTo("validation_failed");
        });
        assertThat(create(admin, "x".repeat(100), "[\"viewer\"]").status()).isEqualTo(201);
    }

    @Test
    void shouldAnswer404ForRevokingAnUnknownToken() {
        TestHttp.Response r = http.delete("/v1/tokens/tok_doesnotexist", admin);

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.code()).isEqualTo("not_found");
    }

    @Test
    void shouldRecordLastUseAtMostOncePerMinute() {
        JsonNode created = create(admin, "used-once", "[\"viewer\"]").json();
        String id = created.path("id").asText();
        assertThat(repository.findById(id).orElseThrow().lastUsedAt()).isNull();

        assertThat(http.get("/v1/me", created.path("token").asText()).status()).isEqualTo(200);
        Instant first = repository.findById(id).orElseThrow().lastUsedAt();
        assertThat(first).isNotNull();
        assertThat(http.get("/v1/me", created.path("token").asText()).status()).isEqualTo(200);

        assertThat(repository.findById(id).orElseThrow().lastUsedAt()).isEqualTo(first);
    }

    @Test
    void shouldPageTheListingWithinLimits() {
        create(admin, "page-a", "[\"viewer\"]");
        create(admin, "page-b", "[\"viewer\"]");

        TestHttp.Response first = http.get("/v1/tokens?limit=1", admin);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().path("items").size()).isEqualTo(1);
        assertThat(first.json().path("limit").asInt()).isEqualTo(1);
        assertThat(first.json().path("items").get(0).path("name").asText()).isEqualTo("page-b");
        String next = first.json().path("next").asText();

        TestHttp.Response second = http.get("/v1/tokens?limit=1&before=" + next, admin);
        assertThat(second.json().path("items").get(0).path("name").asText()).isEqualTo("page-a");
        assertThat(second.json().path("next").isTextual()).as("the admin token is older still").isTrue();

        assertThat(http.get("/v1/tokens?limit=1&offset=1", admin).code()).isEqualTo("validation_failed");
        assertThat(http.get("/v1/tokens?before=bm90LWEtY3Vyc29y", admin).code()).isEqualTo("invalid_cursor");
        assertThat(http.get("/v1/tokens?limit=501", admin).code()).isEqualTo("validation_failed");
        assertThat(http.get("/v1/tokens", admin).json().path("limit").asInt()).isEqualTo(50);
    }

    @Test
    void shouldRefuseTokensThatAreMalformedOrUnknown() {
        String unknown = "cpt_" + "A".repeat(43);

        assertThat(http.get("/v1/me", unknown).status()).isEqualTo(401);
        assertThat(http.get("/v1/me", admin + "x").status()).isEqualTo(401);
        assertThat(http.get("/v1/tokens", null).code()).isEqualTo("unauthenticated");
    }

    private long auditCount(String action, String decision, String subjectId) {
        return count("SELECT COUNT(*) FROM audit_event WHERE action = ? AND decision = ? AND subject_id = ?",
                action, decision, subjectId);
    }

    private long auditCountByActor(String actor, String action, String decision) {
        return count("SELECT COUNT(*) FROM audit_event WHERE actor = ? AND action = ? AND decision = ?",
                actor, action, decision);
    }

    private long count(String sql, String... params) {
        return jdbc.execute(c -> {
            try (var ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setString(i + 1, params[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
