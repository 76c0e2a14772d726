package io.carapulse.core.broker.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/integrations/credentials}: only agents; the agent's own integration, else the one serving
 * the environment if the agent holds {@code credentials:<provider>} there (application-capabilities.yml:
 * {@code capped} grants credentials:github to the token {@code cap-agent}, credentials:gitlab to viewers;
 * prod grants nothing). Every grant and refusal is audited with the actor; the canary credential is only
 * in the grant's answer: not in refusals, the audit table or the log.
 */
@MicronautTest(environments = {"test", "capabilities"}, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CredentialAccessApiTest implements TestPropertyProvider {

    static final String CANARY = "ghp_credCanary5Jk8Wq3Zr1Tn6Vb2Xm9";

    private final WireMockServer stub = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject JdbcOperations jdbc;
    @Inject TransactionOperations<Connection> tx;

    private TestHttp http;
    private String admin;
    private TokenCreatedView agent;
    private TokenCreatedView uncapable;
    private ListAppender<ILoggingEvent> log;
    private final List<TestHttp.Response> answers = new ArrayList<>();

    @Override
    public Map<String, String> getProperties() {
        stub.start();
        return Map.of("carapulse.broker.key-encryption-key", "file:" + IntegrationApiTest.KEY_FILE,
                "carapulse.broker.validation-timeout", "5s");
    }

    @BeforeEach
    void setUp() {
        stub.resetAll();
        stub.stubFor(WireMock.get("/user").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8").withHeader("X-OAuth-Scopes", "repo")
                .withBody("{\"login\":\"deploy-bot\",\"id\":77,\"type\":\"User\",\"site_admin\":false}")));
        http = new TestHttp(server.getURL());
        admin = tokens.create(Actor.SYSTEM, "admin", List.of("admin")).token();
        agent = tokens.create(Actor.SYSTEM, "cap-agent", List.of("viewer"), true);
        uncapable = tokens.create(Actor.SYSTEM, "plain-agent", List.of("viewer"), true);
        tx.executeWrite(s -> {
            jdbc.prepareStatement("DELETE FROM integration_environment", ps -> ps.executeUpdate());
            jdbc.prepareStatement("DELETE FROM integration", ps -> ps.executeUpdate());
            jdbc.prepareStatement("DELETE FROM broker_secret WHERE owner LIKE 'integration:%'", ps -> ps.executeUpdate());
            return null;
        });
        log = new ListAppender<>();
        log.start();
        Logger ours = (Logger) LoggerFactory.getLogger("io.carapulse");
        ours.setLevel(Level.DEBUG);
        ours.addAppender(log);
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
        answers.clear();
    }

    @AfterEach
    void tearDown() {
        Logger ours = (Logger) LoggerFactory.getLogger("io.carapulse");
        ours.detachAppender(log);
        ours.setLevel(null);
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
    }

    private String link(String scope) {
        TestHttp.Response r = http.post("/v1/integrations", admin, "{\"provider\":\"github\",\"authType\":\"pat\","
                + "\"credentials\":{\"token\":\"" + CANARY + "\"}," + scope + ",\"baseUrl\":\"" + stub.baseUrl() + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    private TestHttp.Response get(String token, String query) {
        TestHttp.Response r = http.get("/v1/integrations/credentials" + query, token);
        answers.add(r);
        return r;
    }

    @Test
    void shouldHandTheServingCredentialToAnAgentHoldingTheCapabilityAuditedWithoutTheToken() {
        String global = link("\"isGlobal\":true");

        TestHttp.Response r = get(agent.token(), "?provider=github&environment=capped");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(r.json().path("integrationId").asText()).isEqualTo(global);
        assertThat(r.json().path("provider").asText()).isEqualTo("github");
        assertThat(r.json().path("kind").asText()).isEqualTo("pat");
        assertThat(r.json().path("token").asText()).isEqualTo(CANARY);
        assertThat(r.json().path("username").asText()).isEqualTo("deploy-bot");
        assertThat(r.json().path("expiresAt").isNull()).isTrue();
        assertThat(audit("ALLOW", "token:" + agent.id())).singleElement().asString()
                .contains(global, "\"via\":\"environment\"", "\"environment\":\"capped\"", "\"channel\":\"credentials\"");
        assertNoCanaryOutsideTheGrant(r);
    }

    @Test
    void shouldRefuseAnAgentWithoutTheCapabilityAndGiveNothingByDefault() {
        link("\"isGlobal\":true");

        TestHttp.Response lacking = get(uncapable.token(), "?provider=github&environment=capped");
        TestHttp.Response prod = get(agent.token(), "?provider=github&environment=prod");

        for (TestHttp.Response r : List.of(lacking, prod)) {
            assertThat(r.status()).as(r.body()).isEqualTo(403);
            assertThat(r.code()).isEqualTo("forbidden");
            assertThat(r.json().path("detail").asText()).contains("needs the capability credentials:github");
        }
        assertThat(audit("DENY", "token:" + uncapable.id())).singleElement().asString().contains("github", "forbidden");
        assertThat(audit("DENY", "token:" + agent.id())).singleElement().asString().contains("prod");
        assertNoCanaryOutsideTheGrant(null);
    }

    @Test
    void shouldRefuseAPersonOrATokenThatIsNotAnAgentEvenNamedAsTheGrantee() {
        link("\"isGlobal\":true");
        TokenCreatedView namesake = tokens.create(Actor.SYSTEM, "cap-agent", List.of("admin"));

        TestHttp.Response r = get(namesake.token(), "?provider=github&environment=capped");
        TestHttp.Response admins = get(admin, "?provider=github&environment=capped");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().path("detail").asText()).contains("credential-only access is for agents");
        assertThat(admins.status()).isEqualTo(403);
        assertThat(audit("DENY", "token:" + namesake.id())).hasSize(1);
        assertNoCanaryOutsideTheGrant(null);
    }

    @Test
    void shouldAnswerUnknownEnvironmentsProvidersAndNothingLinkedInTheSeedsWords() {
        TestHttp.Response unknownEnv = get(agent.token(), "?provider=github&environment=xyz");
        TestHttp.Response nothing = get(agent.token(), "?provider=github&environment=capped");
        TestHttp.Response gitlab = get(agent.token(), "?provider=gitlab&environment=capped");
        TestHttp.Response unknownProvider = get(agent.token(), "?provider=bitbucket&environment=capped");
        TestHttp.Response noProvider = get(agent.token(), "?environment=capped");
        TestHttp.Response noEnvironment = get(agent.token(), "?provider=github");

        assertThat(unknownEnv.status()).isEqualTo(422);
        assertThat(unknownEnv.json().path("detail").asText()).isEqualTo("Environment 'xyz' not found");
        assertThat(nothing.status()).isEqualTo(404);
        assertThat(nothing.json().path("detail").asText()).isEqualTo("No integration found for environment=capped");
        assertThat(gitlab.status()).as("viewers hold credentials:gitlab; nothing is linked").isEqualTo(404);
        assertThat(unknownProvider.status()).isEqualTo(422);
        assertThat(unknownProvider.json().path("detail").asText())
                .isEqualTo("provider: 'bitbucket' is not supported; supported: github, gitlab, jira, generic");
        assertThat(noProvider.status()).isEqualTo(422);
        assertThat(noEnvironment.status()).isEqualTo(404);
        assertThat(noEnvironment.json().path("detail").asText()).startsWith("No integration found for agent 'cap-agent'");
        assertThat(audit("DENY", "token:" + agent.id())).hasSize(6);
    }

    @Test
    void shouldHandTheAgentItsOwnIntegrationFirst() {
        link("\"isGlobal\":true");
        String own = link("\"agent\":\"" + uncapable.id() + "\"");

        TestHttp.Response withoutEnvironment = get(uncapable.token(), "?provider=github");
        TestHttp.Response withEnvironment = get(uncapable.token(), "?provider=github&environment=prod");

        for (TestHttp.Response r : List.of(withoutEnvironment, withEnvironment)) {
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().path("integrationId").asText()).isEqualTo(own);
        }
        assertThat(audit("ALLOW", "token:" + uncapable.id())).hasSize(2).allSatisfy(a -> assertThat(a).contains(own, "\"via\":\"agent\""));
        TestHttp.Response other = get(agent.token(), "?provider=github");
        assertThat(other.status()).as("another agent's own integration is not this one's").isEqualTo(404);
    }

    private List<String> audit(String decision, String actor) {
        return tx.executeRead(s -> jdbc.prepareStatement("SELECT subject_id, reason, details_json FROM audit_event"
                + " WHERE action = 'integration.credentials' AND decision = ? AND actor = ? ORDER BY seq", ps -> {
                    ps.setString(1, decision);
                    ps.setString(2, actor);
                    List<String> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
                        }
                    }
                    return out;
                }));
    }

    /** The canary is in the one answer that grants it, and nowhere else: other answers, audit, log. */
    private void assertNoCanaryOutsideTheGrant(TestHttp.Response grant) {
        for (TestHttp.Response r : answers) {
            if (r != grant) {
                assertThat(r.body()).doesNotContain(CANARY);
            }
            assertThat(r.headers().map().toString()).doesNotContain(CANARY);
        }
        String all = tx.executeRead(s -> jdbc.prepareStatement("SELECT * FROM audit_event", ps -> {
            StringBuilder sb = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        sb.append(rs.getString(i)).append('|');
                    }
                }
            }
            return sb.toString();
        }));
        assertThat(all).doesNotContain(CANARY);
        assertThat(log.list).allSatisfy(e -> {
            assertThat(e.getFormattedMessage()).doesNotContain(CANARY);
            if (e.getThrowableProxy() != null && e.getThrowableProxy().getMessage() != null) {
                assertThat(e.getThrowableProxy().getMessage()).doesNotContain(CANARY);
            }
        });
    }
}
