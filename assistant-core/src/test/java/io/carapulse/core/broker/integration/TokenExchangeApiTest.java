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
 * {@code POST /v1/token-exchange} (RFC 8693): form-encoded, the agent's token as subject_token, the same rules
 * and audit as the credentials endpoint; RFC 8693 JSON on success, RFC 6749 §5.2 errors otherwise
 * (application-capabilities.yml: {@code capped} grants credentials:github to the token {@code cap-agent}).
 * The canary credential is in the one granting answer only: not in errors, the audit table or the log.
 */
@MicronautTest(environments = {"test", "capabilities"}, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenExchangeApiTest implements TestPropertyProvider {

    static final String CANARY = "ghp_xchgCanary4Hs7Pd2Kf9Lm3Qw8Zc1";

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

    private TestHttp.Response exchange(String form) {
        TestHttp.Response r = http.send("POST", "/v1/token-exchange", null, "application/x-www-form-urlencoded", form);
        answers.add(r);
        return r;
    }

    private static String form(String subjectToken, String extra) {
        return "grant_type=" + enc("urn:ietf:params:oauth:grant-type:token-exchange") + "&subject_token=" + enc(subjectToken)
                + "&subject_token_type=" + enc("urn:ietf:params:oauth:token-type:access_token") + extra;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void shouldExchangeAnAgentsTokenForTheProvidersCredential() {
        String global = link("\"isGlobal\":true");

        TestHttp.Response r = exchange(form(agent.token(), "&resource=github&scope=" + enc("environment:capped")));
        TestHttp.Response byAudience = exchange(form(agent.token(), "&audience=github&scope=" + enc("environment:capped")));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(r.json().path("access_token").asText()).isEqualTo(CANARY);
        assertThat(r.json().path("issued_token_type").asText()).isEqualTo("urn:ietf:params:oauth:token-type:access_token");
        assertThat(r.json().path("token_type").asText()).isEqualTo("Bearer");
        assertThat(r.json().has("expires_in")).as("a stored token's expiry is unknown").isFalse();
        assertThat(byAudience.status()).isEqualTo(200);
        assertThat(audit("ALLOW", "token:" + agent.id())).hasSize(2)
                .allSatisfy(a -> assertThat(a).contains(global, "\"channel\":\"token-exchange\""));
        assertNoCanaryOutsideTheGrant(r, byAudience);
    }

    @Test
    void shouldAnswerEachRefusalAsAnOAuthErrorAndAuditIt() {
        link("\"isGlobal\":true");
        TokenCreatedView plain = tokens.create(Actor.SYSTEM, "cap-agent", List.of("operator"));
        String capped = "&resource=github&scope=" + enc("environment:capped");
        Map<String, String[]> cases = new java.util.LinkedHashMap<>();
        cases.put("not form", new String[] {"json", "400", "invalid_request"});
        cases.put("no grant type", new String[] {"subject_token=x", "400", "invalid_request"});
        cases.put("other grant", new String[] {"grant_type=client_credentials", "400", "unsupported_grant_type"});
        cases.put("no subject", new String[] {"grant_type=" + enc("urn:ietf:params:oauth:grant-type:token-exchange"), "400", "invalid_request"});
        cases.put("wrong type", new String[] {form(agent.token(), capped).replace("access_token", "jwt"), "400", "invalid_request"});
        cases.put("twice", new String[] {form(agent.token(), capped + "&resource=gitlab"), "400", "invalid_request"});
        cases.put("bad subject", new String[] {form("cpt_" + "x".repeat(43), capped), "400", "invalid_grant"});
        cases.put("not an agent", new String[] {form(plain.token(), capped), "403", "unauthorized_client"});
        cases.put("no capability", new String[] {form(uncapable.token(), capped), "403", "unauthorized_client"});
        cases.put("nothing by default", new String[] {form(agent.token(), "&resource=github&scope=" + enc("environment:prod")), "403", "unauthorized_client"});
        cases.put("unknown provider", new String[] {form(agent.token(), "&resource=bitbucket&scope=" + enc("environment:capped")), "400", "invalid_target"});
        cases.put("no provider", new String[] {form(agent.token(), "&scope=" + enc("environment:capped")), "400", "invalid_request"});
        cases.put("both", new String[] {form(agent.token(), capped + "&audience=github"), "400", "invalid_request"});
        cases.put("bad scope", new String[] {form(agent.token(), "&resource=github&scope=repo"), "400", "invalid_scope"});
        cases.put("unknown environment", new String[] {form(agent.token(), "&resource=github&scope=" + enc("environment:xyz")), "400", "invalid_scope"});
        cases.put("nothing linked", new String[] {form(agent.token(), "&resource=gitlab&scope=" + enc("environment:capped")), "400", "invalid_target"});

        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            String[] v = c.getValue();
            TestHttp.Response r = v[0].equals("json")
                    ? http.send("POST", "/v1/token-exchange", null, "application/json", "{\"grant_type\":\"x\"}")
                    : exchange(v[0]);
            answers.add(r);
            assertThat(r.status()).as(c.getKey() + " " + r.body()).isEqualTo(Integer.parseInt(v[1]));
            assertThat(r.contentType()).as(c.getKey()).startsWith("application/json");
            assertThat(r.json().path("error").asText()).as(c.getKey()).isEqualTo(v[2]);
            assertThat(r.json().path("error_description").asText()).as(c.getKey()).isNotBlank().doesNotContain("Exception");
            assertThat(r.json().has("code")).as("not a problem document").isFalse();
        }
        assertThat(audit("DENY", "token:" + plain.id())).hasSize(1);
        assertThat(audit("DENY", "token:" + uncapable.id())).hasSize(1);
        assertThat(audit("DENY", "token:" + agent.id())).hasSize(7)
                .anySatisfy(a -> assertThat(a).contains("'bitbucket' is not supported; supported: github, gitlab, jira, generic"));
        assertThat(audit("DENY", "anonymous")).as("refused before the subject is known: nobody to hold to account, "
                + "and an anonymous client must not grow the chain").isEmpty();
        assertNoCanaryOutsideTheGrant();
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
    private void assertNoCanaryOutsideTheGrant(TestHttp.Response... grants) {
        for (TestHttp.Response r : answers) {
            if (!java.util.Arrays.asList(grants).contains(r)) {
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
