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
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Agent principals: a token created with {@code "agent": true} authenticates as an agent. */
@MicronautTest(transactional = false)
class AgentTokenApiTest {

    @Inject
    EmbeddedServer server;
    @Inject
    TokenService tokens;
    @Inject
    JdbcOperations jdbc;

    private TestHttp http;
    private String admin;

    @BeforeEach
    void setUp() {
        http = new TestHttp(server.getURL());
        admin = tokens.create(Actor.SYSTEM, "test-admin", List.of("admin")).token();
    }

    @Test
    void shouldCreateAnAgentThatWhoamiShowsAsOne() {
        TestHttp.Response created = http.post("/v1/tokens", admin,
                "{\"name\":\"release-agent\",\"roles\":[\"viewer\"],\"agent\":true}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("agent").asBoolean()).isTrue();
        String id = created.json().path("id").asText();
        JsonNode me = http.get("/v1/me", created.json().path("token").asText()).json();
        assertThat(me.path("subject").asText()).isEqualTo("token:" + id);
        assertThat(me.path("authKind").asText()).isEqualTo("agent");
        assertThat(me.path("agent").asBoolean()).isTrue();
        JsonNode listed = http.get("/v1/tokens?limit=500", admin).json().path("items");
        assertThat(listed.findValues("id").stream().map(JsonNode::asText)).contains(id);
        for (JsonNode t : listed) {
            if (t.path("id").asText().equals(id)) {
                assertThat(t.path("agent").asBoolean()).isTrue();
            }
        }
        assertThat(agentColumn(id)).isTrue();
        assertThat(auditAgent(id)).contains("\"agent\":true");
    }

    @Test
    void shouldKeepTokensWithoutTheFieldOrWithFalseAsNonAgents() {
        for (String body : List.of("{\"name\":\"plain\",\"roles\":[\"viewer\"]}",
                "{\"name\":\"plain-false\",\"roles\":[\"viewer\"],\"agent\":false}")) {
            TestHttp.Response created = http.post("/v1/tokens", admin, body);
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.json().path("agent").asBoolean()).isFalse();
            JsonNode me = http.get("/v1/me", created.json().path("token").asText()).json();
            assertThat(me.path("authKind").asText()).isEqualTo("api_token");
            assertThat(me.path("agent").asBoolean()).isFalse();
            assertThat(agentColumn(created.json().path("id").asText())).isFalse();
        }
    }

    @Test
    void shouldRefuseAnAgentFlagThatIsNotABoolean() {
        for (String value : List.of("\"true\"", "1", "[true]")) {
            TestHttp.Response r = http.post("/v1/tokens", admin,
                    "{\"name\":\"odd\",\"roles\":[\"viewer\"],\"agent\":" + value + "}");
            assertThat(r.status()).as(value).isIn(400, 422);
            assertThat(r.body()).doesNotContain("Exception").doesNotContain("jackson");
        }
    }

    private boolean agentColumn(String id) {
        return jdbc.execute(c -> {
            try (var ps = c.prepareStatement("SELECT agent FROM api_token WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        });
    }

    private String auditAgent(String id) {
        return jdbc.execute(c -> {
            try (var ps = c.prepareStatement("SELECT details_json FROM audit_event WHERE action = 'token.create' AND subject_id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }
}
