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
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.slf4j.LoggerFactory;

/**
 * What the credential-only access tests share (the credentials endpoint, token exchange): a GitHub stub that
 * accepts any token as {@code deploy-bot}, an admin, the agent {@code cap-agent} (which capabilities name) and an
 * agent without capabilities, no integration at the start of each test, every answer kept, and the log captured, so
 * {@link #assertNoCanaryOutsideTheGrant} can show the canary credential is in the granting answers only.
 */
abstract class AgentCredentialFixture implements TestPropertyProvider {

    final WireMockServer stub = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject JdbcOperations jdbc;
    @Inject TransactionOperations<Connection> tx;

    TestHttp http;
    String admin;
    TokenCreatedView agent;
    TokenCreatedView uncapable;
    ListAppender<ILoggingEvent> log;
    final List<TestHttp.Response> answers = new ArrayList<>();

    /** The credential linked by {@link #link}: it may appear in a granting answer and nowhere else. */
    abstract String canary();

    @Override
    public Map<String, String> getProperties() {
        stub.start();
        return Map.of("carapulse.broker.key-encryption-key", "file:" + IntegrationApiTest.KEY_FILE,
                "carapulse.broker.validation-timeout", "5s");
    }

    @BeforeEach
    void setUpAgents() {
        stub.resetAll();
        stub.stubFor(WireMock.get("/user").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8").withHeader("X-OAuth-Scopes", "repo")
                .withBody("{\"login\":\"deploy-bot\",\"id\":77,\"type\":\"User\",\"site_admin\":false}")));
        http = new TestHttp(server.getURL());
        admin = tokens.create(Actor.SYSTEM, "admin", List.of("admin")).token();
        agent = tokens.create(Actor.SYSTEM, "cap-agent", List.of("viewer"), true);
        uncapable = tokens.create(Actor.SYSTEM, "plain-agent", List.of("viewer"), true);
        IntegrationTables.clear(tx, jdbc);
        log = new ListAppender<>();
        log.start();
        Logger ours = (Logger) LoggerFactory.getLogger("io.carapulse");
        ours.setLevel(Level.DEBUG);
        ours.addAppender(log);
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
        answers.clear();
    }

    @AfterAll
    void stopStub() { // the subclasses run PER_CLASS
        stub.stop();
    }

    @AfterEach
    void detachLog() {
        Logger ours = (Logger) LoggerFactory.getLogger("io.carapulse");
        ours.detachAppender(log);
        ours.setLevel(null);
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
    }

    /** Links the canary as a GitHub PAT in {@code scope} ({@code "isGlobal":true}, …); its id. */
    String link(String scope) {
        TestHttp.Response r = http.post("/v1/integrations", admin, "{\"provider\":\"github\",\"authType\":\"pat\","
                + "\"credentials\":{\"token\":\"" + canary() + "\"}," + scope + ",\"baseUrl\":\"" + stub.baseUrl() + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    /** {@code GET /v1/integrations/credentials} with {@code query}, kept. */
    TestHttp.Response get(String token, String query) {
        return kept(http.get("/v1/integrations/credentials" + query, token));
    }

    TestHttp.Response kept(TestHttp.Response r) {
        answers.add(r);
        return r;
    }

    /** The {@code integration.credentials} audit records of {@code actor} with {@code decision}: subject, reason, details. */
    List<String> audit(String decision, String actor) {
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

    /** The canary is in the answers that grant it, and nowhere else: other answers, headers, audit, log. */
    void assertNoCanaryOutsideTheGrant(TestHttp.Response... grants) {
        for (TestHttp.Response r : answers) {
            if (!Arrays.asList(grants).contains(r)) {
                assertThat(r.body()).doesNotContain(canary());
            }
            assertThat(r.headers().map().toString()).doesNotContain(canary());
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
        assertThat(all).doesNotContain(canary());
        assertThat(log.list).allSatisfy(e -> {
            assertThat(e.getFormattedMessage()).doesNotContain(canary());
            if (e.getThrowableProxy() != null && e.getThrowableProxy().getMessage() != null) {
                assertThat(e.getThrowableProxy().getMessage()).doesNotContain(canary());
            }
        });
    }
}
