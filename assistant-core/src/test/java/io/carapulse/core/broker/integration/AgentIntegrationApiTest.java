package io.carapulse.core.broker.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.carapulse.api.dto.TokenCreatedView;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.token.TokenService;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Agent-scoped integrations through {@code /v1/integrations}: {@code "agent"} names an agent token (id or
 * name), is exclusive with the other scopes, at most one per provider per agent (409 naming the one
 * there), an unknown, revoked or non-agent token is {@code Agent 'x' not found}; {@code ?agent=} filters.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentIntegrationApiTest implements TestPropertyProvider {

    static final String CANARY = "ghp_agentCanary7Hq2Lw9Xv4Nb8Rt6Ym1";

    private final WireMockServer stub = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject JdbcOperations jdbc;
    @Inject TransactionOperations<Connection> tx;

    private TestHttp http;
    private String admin;
    private TokenCreatedView agent;

    @Override
    public Map<String, String> getProperties() {
        stub.start();
        return Map.of("carapulse.broker.key-encryption-key", "file:" + IntegrationApiTest.KEY_FILE,
                "carapulse.broker.validation-timeout", "1s");
    }

    @BeforeEach
    void setUp() {
        stub.resetAll();
        stub.stubFor(WireMock.get("/user").withHeader("Authorization", equalTo("Bearer " + CANARY))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                        .withHeader("X-OAuth-Scopes", "repo")
                        .withBody("{\"login\":\"release-bot\",\"id\":9001,\"type\":\"User\",\"site_admin\":false}")));
        http = new TestHttp(server.getURL());
        admin = tokens.create(Actor.SYSTEM, "admin", List.of("admin")).token();
        agent = tokens.create(Actor.SYSTEM, "release-agent-" + System.nanoTime(), List.of("viewer"), true);
        IntegrationTables.clear(tx, jdbc);
    }

    private TestHttp.Response link(String provider, String scope) {
        return http.post("/v1/integrations", admin, "{\"provider\":\"" + provider + "\",\"authType\":\"pat\","
                + "\"credentials\":{\"token\":\"" + CANARY + "\"}," + scope + ",\"baseUrl\":\"" + stub.baseUrl() + "\"}");
    }

    @Test
    void shouldLinkForAnAgentByNameOrIdAndFilterByAgent() {
        TestHttp.Response byName = link("github", "\"agent\":\"" + agent.name() + "\"");

        assertThat(byName.status()).as(byName.body()).isEqualTo(201);
        assertThat(byName.json().path("scope").asText()).isEqualTo("agent");
        assertThat(byName.json().path("agent").asText()).isEqualTo("token:" + agent.id());
        assertThat(byName.json().path("environments").size()).isZero();
        assertThat(byName.body()).doesNotContain(CANARY);
        TokenCreatedView other = tokens.create(Actor.SYSTEM, "other-agent", List.of("viewer"), true);
        assertThat(link("github", "\"agent\":\"" + other.id() + "\"").status()).isEqualTo(201);
        assertThat(link("github", "\"isGlobal\":true").status()).isEqualTo(201);

        TestHttp.Response mine = http.get("/v1/integrations?agent=" + agent.id(), admin);
        assertThat(mine.json().path("items").size()).isEqualTo(1);
        assertThat(mine.json().path("items").get(0).path("id").asText()).isEqualTo(byName.json().path("id").asText());
        assertThat(http.get("/v1/integrations?agent=" + agent.name() + "&provider=github", admin).json().path("items").size())
                .isEqualTo(1);
        assertThat(http.get("/v1/integrations?environment=prod", admin).json().path("items").size())
                .as("an agent's integration serves no environment").isEqualTo(1);
        TestHttp.Response unknown = http.get("/v1/integrations?agent=nobody", admin);
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().path("detail").asText()).contains("Agent 'nobody' not found");
        assertThat(linkAudit(byName.json().path("id").asText())).contains("\"scope\":\"agent\"", agent.id());
    }

    @Test
    void shouldRefuseASecondIntegrationOfTheProviderForTheAgentNamingTheFirst() {
        String first = link("github", "\"agent\":\"" + agent.id() + "\"").json().path("id").asText();

        TestHttp.Response second = link("github", "\"agent\":\"" + agent.name() + "\"");

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.code()).isEqualTo("conflict");
        assertThat(second.json().path("detail").asText()).contains(first).contains("at most one per provider per agent");
        assertThat(count()).isEqualTo(1);
        assertThat(link("gitlab", "\"agent\":\"" + agent.id() + "\"").status()).as("another provider")
                .isNotEqualTo(409);
    }

    @Test
    void shouldLetOnlyOneOfSeveralConcurrentLinksForTheSameAgentAndProviderWin() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<TestHttp.Response>> racing = new java.util.ArrayList<>();
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < 6; i++) {
                racing.add(pool.submit(() -> {
                    start.await();
                    return link("github", "\"agent\":\"" + agent.id() + "\"");
                }));
            }
            start.countDown();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var f : racing) {
                statuses.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS).status());
            }
            assertThat(statuses).as(statuses.toString()).containsOnlyOnce(201).containsOnly(201, 409);
            assertThat(count()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldRefuseUnknownRevokedAndNonAgentTokensAndMixedScopes() {
        TokenCreatedView plain = tokens.create(Actor.SYSTEM, "plain-bot", List.of("viewer"));
        TokenCreatedView revoked = tokens.create(Actor.SYSTEM, "gone-agent", List.of("viewer"), true);
        tokens.revoke(Actor.SYSTEM, revoked.id());

        for (String ref : List.of("nobody", plain.id(), plain.name(), revoked.id(), revoked.name())) {
            TestHttp.Response r = link("github", "\"agent\":\"" + ref + "\"");
            assertThat(r.status()).as(ref).isEqualTo(422);
            assertThat(r.code()).isEqualTo("validation_failed");
            assertThat(r.json().path("detail").asText()).isEqualTo("agent: Agent '" + ref + "' not found");
        }
        for (String scope : List.of("\"agent\":\"" + agent.id() + "\",\"isGlobal\":true",
                "\"agent\":\"" + agent.id() + "\",\"environments\":[\"prod\"]")) {
            TestHttp.Response r = link("github", scope);
            assertThat(r.status()).isEqualTo(422);
            assertThat(r.json().path("detail").asText())
                    .isEqualTo("agent: Exactly one of isGlobal, environments or agent must be specified");
        }
        TestHttp.Response notAString = link("github", "\"agent\":[\"" + agent.id() + "\"]");
        assertThat(notAString.status()).isEqualTo(422);
        assertThat(count()).isZero();
        assertThat(stub.getAllServeEvents()).as("nothing refused reaches GitHub").isEmpty();
    }

    private long count() {
        return tx.executeRead(s -> jdbc.prepareStatement("SELECT COUNT(*) FROM integration", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }));
    }

    private String linkAudit(String id) {
        return tx.executeRead(s -> jdbc.prepareStatement("SELECT action, details_json FROM audit_event"
                + " WHERE action = 'integration.link' AND subject_id = ?", ps -> {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getString(1) + " " + rs.getString(2);
                    }
                }));
    }
}
