package io.carapulse.core.broker.connection;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.carapulse.api.dto.TokenCreatedView;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.broker.SecretStore;
import io.carapulse.core.broker.integration.BrokerToolCredentials;
import io.carapulse.core.broker.integration.CredentialAccess;
import io.carapulse.core.broker.integration.Integrations;
import io.carapulse.core.token.TokenService;
import io.carapulse.tools.github.GitHubStubs;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * Delegated ({@code authType: oauth}) integrations over real HTTP: staging's github section takes
 * {@code token: integration:github}, and the integration serving staging is {@code oauth}, so a plan there acts
 * as its requester through the requester's own GitHub connection (the stub accepts only that person's token).
 * A requester without a connection is refused at plan creation and edit; a connection revoked after the plan was
 * made fails the step before any call; agents get nothing from it through credential-only access. The platform
 * OAuth app is configured for GitHub only, so a GitLab oauth link is refused naming the key to set. The person's
 * token is a canary: absent from every answer, the audit table, the log and the H2 file bytes.
 */
@MicronautTest(environments = {"test", "capabilities"}, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DelegatedIntegrationTest implements TestPropertyProvider {

    static final String PERSON_TOKEN = "gho_canaryDelegated7c2e91b4f0a3";
    static final String FILE = "values/web.yaml";

    final GitHubStubs github = new GitHubStubs(null, PERSON_TOKEN);

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject ConnectionRows rows;
    @Inject SecretStore secrets;
    @Inject JdbcOperations jdbc;
    @Inject TransactionOperations<Connection> tx;

    Path database;
    TestHttp http;
    String admin;
    TokenCreatedView alice;
    TokenCreatedView bob;
    ListAppender<ILoggingEvent> log;
    final List<TestHttp.Response> answers = new ArrayList<>();

    @Override
    public Map<String, String> getProperties() {
        try {
            database = Files.createTempDirectory("carapulse-h2-delegated");
            Path secret = Files.createTempFile("carapulse-github-client-secret", ".txt");
            Files.writeString(secret, "client-secret-of-the-platform-app\n");
            secret.toFile().deleteOnExit();
            String gh = "carapulse.environments.staging.github.";
            Map<String, String> p = new HashMap<>();
            p.put("datasources.default.url", "jdbc:h2:file:" + database.resolve("carapulse")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
            p.put("carapulse.broker.key-encryption-key", "file:" + io.carapulse.core.broker.TestKeks.file(31));
            p.put("carapulse.broker.oauth.github.client-id", "Iv1.platformapp");
            p.put("carapulse.broker.oauth.github.client-secret", "file:" + secret);
            p.put("carapulse.broker.oauth.github.api-url", github.apiUrl().toString());
            p.put(gh + "api-url", github.apiUrl().toString());
            p.put(gh + "token", "integration:github");
            p.put(gh + "repositories[0].name", "acme/web");
            p.put(gh + "repositories[0].bases", "main");
            p.put(gh + "repositories[0].paths", "values/");
            p.put("carapulse.tools.github.transport", "http");
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    void stopGitHub() {
        github.close();
    }

    @BeforeEach
    void setUp() {
        github.reset();
        github.repo();
        github.file(FILE, "main", "replicas: 2\n");
        http = new TestHttp(server.getURL());
        answers.clear();
        admin = tokens.create(Actor.SYSTEM, "root-" + System.nanoTime(), List.of("admin")).token();
        alice = tokens.create(Actor.SYSTEM, "alice-" + System.nanoTime(), List.of("operator"));
        bob = tokens.create(Actor.SYSTEM, "bob-" + System.nanoTime(), List.of("operator"));
        io.carapulse.core.broker.integration.IntegrationTables.clear(tx, jdbc);
        tx.executeWrite(s -> {
            jdbc.prepareStatement("DELETE FROM oauth_connection", ps -> ps.executeUpdate());
            return jdbc.prepareStatement("DELETE FROM broker_secret", ps -> ps.executeUpdate());
        });
        log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger("io.carapulse")).setLevel(Level.DEBUG);
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
    }

    @AfterEach
    void tearDown() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
        ((Logger) LoggerFactory.getLogger("io.carapulse")).setLevel(null);
        assertNoCanaryAnywhere();
    }

    @Test
    void anOauthLinkShouldTakeAnEmptyCredentialsObjectAndBeAudited() {
        TestHttp.Response global = call(http.post("/v1/integrations", admin,
                "{\"provider\":\"github\",\"authType\":\"oauth\",\"credentials\":{},\"isGlobal\":true}"));
        assertThat(global.status()).as(global.body()).isEqualTo(201);
        assertThat(global.json().path("authType").asText()).isEqualTo("oauth");
        assertThat(global.json().path("scope").asText()).isEqualTo("global");
        assertThat(global.json().path("username").isNull()).isTrue();
        assertThat(global.json().path("baseUrl").asText()).as("the platform OAuth app's api-url")
                .isEqualTo(github.apiUrl().toString().replaceAll("/+$", ""));
        String id = global.json().path("id").asText();
        assertThat(lastAudit(Integrations.LINK)).startsWith(Integrations.LINK + " " + id + " ALLOW")
                .contains("\"authType\":\"oauth\"", "\"delegated\":true");
        assertThat(count("broker_secret WHERE owner = 'integration:" + id + "'")).isZero();
        assertThat(github.requests()).as("nothing to check at the provider").isEmpty();

        TestHttp.Response twice = call(http.post("/v1/integrations", admin,
                "{\"provider\":\"github\",\"authType\":\"oauth\",\"credentials\":{},\"isGlobal\":true}"));
        assertThat(twice.status()).as(twice.body()).isEqualTo(409);
        assertThat(twice.body()).contains("github already has a global integration: " + id);

        TestHttp.Response env = call(http.post("/v1/integrations", admin,
                "{\"provider\":\"github\",\"authType\":\"oauth\",\"credentials\":{},\"environments\":[\"staging\"]}"));
        assertThat(env.status()).as(env.body()).isEqualTo(201);
        assertThat(env.json().path("environments").toString()).isEqualTo("[\"staging\"]");
        assertThat(call(http.get("/v1/integrations/" + env.json().path("id").asText(), admin)).json()
                .path("authType").asText()).isEqualTo("oauth");
    }

    @Test
    void anOauthLinkShouldBeRefusedWithCredentialsForAnAgentForJiraAndWithoutThePlatformApp() {
        TokenCreatedView agent = tokens.create(Actor.SYSTEM, "oauth-agent-" + System.nanoTime(), List.of("viewer"), true);
        refused("{\"provider\":\"github\",\"authType\":\"oauth\",\"credentials\":{\"clientId\":\"Iv1.x\","
                        + "\"clientSecret\":\"s\"},\"isGlobal\":true}",
                "credentials.clientId: an integration-specific OAuth app is not built yet",
                "carapulse.broker.oauth.github.*");
        refused("{\"provider\":\"github\",\"authType\":\"oauth\",\"credentials\":{\"token\":\"t\"},\"isGlobal\":true}",
                "credentials.token: not a key of these credentials");
        refused("{\"provider\":\"github\",\"authType\":\"oauth\",\"isGlobal\":true}", "credentials: required");
        refused("{\"provider\":\"github\",\"authType\":\"oauth\",\"credentials\":{},\"isGlobal\":true,"
                + "\"baseUrl\":\"https://ghe.example.com/api/v3\"}", "baseUrl: github oauth uses people's connections",
                "carapulse.broker.oauth.github.api-url");
        refused("{\"provider\":\"github\",\"authType\":\"oauth\",\"credentials\":{},\"agent\":\"" + agent.id() + "\"}",
                "agents are not people and have no connections");
        refused("{\"provider\":\"jira\",\"authType\":\"oauth\",\"credentials\":{},\"isGlobal\":true,"
                + "\"baseUrl\":\"https://acme.atlassian.net\"}", "jira does not take 'oauth'");
        refused("{\"provider\":\"generic\",\"authType\":\"oauth\",\"credentials\":{},\"isGlobal\":true,"
                + "\"baseUrl\":\"https://svc.example.com\"}", "generic does not take 'oauth'");
        refused("{\"provider\":\"gitlab\",\"authType\":\"oauth\",\"credentials\":{},\"isGlobal\":true}",
                "GitLab connections, which are not configured on this server: set carapulse.broker.oauth.gitlab.client-id");

        assertThat(count("integration")).isZero();
        assertThat(count("audit_event WHERE action = 'integration.link' AND decision = 'DENY'")).isEqualTo(8);
        assertThat(lastAudit(Integrations.LINK)).contains("DENY", "carapulse.broker.oauth.gitlab.client-id");
    }

    @Test
    void aPlanShouldActAsItsRequesterThroughTheirConnection() {
        String integration = linkStaging();
        String connection = connect("token:" + alice.id());

        String planId = plan(alice.token());
        String executionId = execute(planId, alice.token());
        JsonNode execution = http.awaitExecution(executionId, alice.token());

        assertThat(execution.get("status").asText()).as(execution.toString()).isEqualTo("SUCCEEDED");
        List<LoggedRequest> reads = github.requests().stream().filter(r -> r.getUrl().contains("/contents/")).toList();
        assertThat(reads).isNotEmpty().allSatisfy(r ->
                assertThat(r.getHeader("Authorization")).isEqualTo("token " + PERSON_TOKEN));
        assertThat(audit(BrokerToolCredentials.USE, executionId)).isNotEmpty().allSatisfy(u ->
                assertThat(u).startsWith("ALLOW " + integration).contains("\"kind\":\"oauth\"",
                        "\"mode\":\"delegated\"", "\"connection\":\"" + connection + "\"",
                        "\"requester\":\"token:" + alice.id() + "\""));
        assertThat(audit(Connections.USE, executionId)).isNotEmpty().allSatisfy(u ->
                assertThat(u).startsWith("ALLOW " + connection).contains("\"integration\":\"" + integration + "\"",
                        "\"plan\":\"" + planId + "\"", "\"tool\":\"github\""));
        call(http.get("/v1/executions/" + executionId + "/evidence", alice.token()));
        call(http.get("/v1/executions/" + executionId, alice.token()));
    }

    @Test
    void aRequesterWithoutAConnectionShouldBeRefusedAtPlanCreation() {
        linkStaging();

        TestHttp.Response refused = call(http.post("/v1/plans", bob.token(), planBody()));

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().path("code").asText()).isEqualTo("validation_failed");
        assertThat(refused.body()).contains("steps[", "(github.file-get)", "(github oauth) acts as the person who asked"
                + " for the plan; token:" + bob.id() + " has no connected GitHub connection (assistantctl connection"
                + " connect github)");
        assertThat(lastAudit("plan.create")).contains("DENY", "token:" + bob.id(), "no connected GitHub connection");
        assertThat(count("plan WHERE requester = 'token:" + bob.id() + "'")).isZero();

        TokenCreatedView agent = tokens.create(Actor.SYSTEM, "plan-agent-" + System.nanoTime(), List.of("operator"), true);
        TestHttp.Response byAgent = call(http.post("/v1/plans", agent.token(), planBody()));
        assertThat(byAgent.status()).as(byAgent.body()).isEqualTo(422);
        assertThat(byAgent.body()).contains("token:" + agent.id() + " has no connected GitHub connection (agents have"
                + " no connections)");
        assertThat(github.requests()).isEmpty();
    }

    @Test
    void aConnectionRevokedAfterThePlanWasMadeShouldFailTheStepBeforeAnyCallAndRefuseAnEdit() {
        String integration = linkStaging();
        String connection = connect("token:" + alice.id());
        String planId = plan(alice.token());

        TestHttp.Response revoked = call(http.delete("/v1/connections/" + connection, alice.token()));
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        github.reset();
        TestHttp.Response edit = call(http.put("/v1/plans/" + planId + "/steps", alice.token(), "{\"steps\": "
                + steps() + "}"));
        assertThat(edit.status()).as(edit.body()).isEqualTo(422);
        assertThat(edit.body()).contains("has no connected GitHub connection (assistantctl connection connect github)");
        assertThat(lastAudit("plan.edit")).contains("DENY");

        String executionId = execute(planId, alice.token());
        JsonNode execution = http.awaitExecution(executionId, alice.token());

        assertThat(execution.get("status").asText()).as(execution.toString()).isEqualTo("FAILED");
        // the step's error passes the output redactor, which keeps an actor id (token:tok_…) as it is
        assertThat(execution.at("/steps/0/error/detail").asText()).contains("integration " + integration
                + " (github oauth) acts as the person who asked for the plan; token:" + alice.id()
                + " has no connected GitHub connection (assistantctl connection connect github)");
        assertThat(audit(BrokerToolCredentials.USE, executionId)).anySatisfy(u -> assertThat(u)
                .contains("token:" + alice.id() + " has no connected GitHub connection"));
        assertThat(github.requests()).as("no call reaches GitHub").isEmpty();
        assertThat(audit(BrokerToolCredentials.USE, executionId)).isNotEmpty().allSatisfy(u ->
                assertThat(u).startsWith("DENY " + integration));
    }

    @Test
    void aWritesPreviewShouldBeReadAsThePersonMakingThePlan() {
        String integration = linkStaging();
        github.branch("main", GitHubStubs.BASE_SHA, GitHubStubs.BASE_TREE);
        github.file(FILE, GitHubStubs.BASE_SHA, "replicas: 2\n");
        connect("token:" + alice.id());
        String body = """
                {"environment": "staging", "summary": "scale web",
                 "steps": [{"tool": "github", "action": "propose-change",
                            "args": {"repo": "acme/web", "base": "main", "branch": "carapulse/scale-web",
                                     "title": "Scale web", "body": "More replicas.",
                                     "files": {"%s": "replicas: 3\\n"}}}]}""".formatted(FILE);

        TestHttp.Response created = call(http.post("/v1/plans", alice.token(), body));
        TestHttp.Response refused = call(http.post("/v1/plans", bob.token(), body));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("status").asText()).isEqualTo("AWAITING_APPROVAL");
        assertThat(created.body()).contains("replicas: 3");
        List<LoggedRequest> reads = github.requests();
        assertThat(reads).as("the preview read the file as alice").isNotEmpty().allSatisfy(r ->
                assertThat(r.getHeader("Authorization")).isEqualTo("token " + PERSON_TOKEN));
        assertThat(lastAudit(BrokerToolCredentials.USE)).contains("ALLOW", integration, "\"stage\":\"preview\"",
                "\"requester\":\"token:" + alice.id() + "\"", "\"mode\":\"delegated\"");
        assertThat(refused.status()).as("bob has no connection: refused before any preview").isEqualTo(422);
        assertThat(github.requests()).hasSameSizeAs(reads);
    }

    @Test
    void aConnectionThatCannotIssueShouldFailTheStepWithoutFallingBack() {
        String integration = linkStaging();
        // expired, and no refresh token: issuing it disconnects it (the provider is never asked)
        String connection = connect("token:" + alice.id(), Instant.now().minusSeconds(3600));
        String planId = plan(alice.token());

        String executionId = execute(planId, alice.token());
        JsonNode execution = http.awaitExecution(executionId, alice.token());

        assertThat(execution.get("status").asText()).as(execution.toString()).isEqualTo("FAILED");
        assertThat(execution.at("/steps/0/error/detail").asText()).contains("integration " + integration
                + " (github oauth) acts as the person who asked for the plan; the GitHub connection of token:"
                + alice.id() + " cannot be used now: ", "connect again (assistantctl connection connect github)")
                .doesNotContain("[REDACTED]");
        assertThat(github.requests()).as("no call reaches GitHub").isEmpty();
        assertThat(audit(BrokerToolCredentials.USE, executionId)).isNotEmpty().allSatisfy(u ->
                assertThat(u).startsWith("DENY " + integration));
        assertThat(lastAudit(Connections.REFRESH)).contains(connection, "DENY", "no refresh token");
        assertThat(lastAudit(Connections.USE)).contains(connection, "DENY", "was revoked");
    }

    @Test
    void credentialOnlyAccessShouldGetNothingFromAnOauthIntegration() {
        TestHttp.Response linked = call(http.post("/v1/integrations", admin,
                "{\"provider\":\"github\",\"authType\":\"oauth\",\"credentials\":{},\"isGlobal\":true}"));
        assertThat(linked.status()).as(linked.body()).isEqualTo(201);
        String integration = linked.json().path("id").asText();
        TokenCreatedView agent = tokens.create(Actor.SYSTEM, "cap-agent", List.of("viewer"), true);

        TestHttp.Response r = call(http.get("/v1/integrations/credentials?provider=github&environment=capped",
                agent.token()));
        assertThat(r.status()).as(r.body()).isEqualTo(409);
        assertThat(r.json().path("code").asText()).isEqualTo("credential_unavailable");
        assertThat(r.body()).contains("integration " + integration + " (github oauth) issues per person");
        assertThat(lastAudit(CredentialAccess.ACTION)).startsWith(CredentialAccess.ACTION + " " + integration + " DENY")
                .contains("issues per person");

        TestHttp.Response exchanged = call(http.send("POST", "/v1/token-exchange", null,
                "application/x-www-form-urlencoded", "grant_type=" + enc("urn:ietf:params:oauth:grant-type:token-exchange")
                        + "&subject_token=" + enc(agent.token()) + "&subject_token_type="
                        + enc("urn:ietf:params:oauth:token-type:access_token") + "&resource=github&scope="
                        + enc("environment:capped")));
        assertThat(exchanged.status()).as(exchanged.body()).isEqualTo(400);
        assertThat(exchanged.json().path("error").asText()).isEqualTo("invalid_target");
        assertThat(exchanged.json().path("error_description").asText()).contains("issues per person");
        assertThat(count("audit_event WHERE action = '" + CredentialAccess.ACTION + "' AND decision = 'DENY'"
                + " AND subject_id = '" + integration + "'")).isEqualTo(2);
    }

    private void refused(String body, String... says) {
        TestHttp.Response r = call(http.post("/v1/integrations", admin, body));
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().path("code").asText()).isEqualTo("validation_failed");
        assertThat(r.body()).contains(says);
    }

    private String linkStaging() {
        TestHttp.Response r = call(http.post("/v1/integrations", admin,
                "{\"provider\":\"github\",\"authType\":\"oauth\",\"credentials\":{},\"environments\":[\"staging\"]}"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    private String plan(String token) {
        TestHttp.Response created = call(http.post("/v1/plans", token, planBody()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private String execute(String planId, String token) {
        return call(http.post("/v1/plans/" + planId + "/execute", token, "")).json().get("executionId").asText();
    }

    private static String planBody() {
        return "{\"environment\": \"staging\", \"summary\": \"read web's values\", \"steps\": " + steps() + "}";
    }

    private static String steps() {
        return """
                [{"tool": "github", "action": "file-get", "args": {"repo": "acme/web", "path": "%s", "ref": "main"}}]"""
                .formatted(FILE);
    }

    /** A connected GitHub connection of {@code actorId}, as the OAuth flow leaves it. */
    private String connect(String actorId) {
        return connect(actorId, null);
    }

    private String connect(String actorId, Instant expiresAt) {
        return TestConnections.github(tx, rows, secrets, actorId, PERSON_TOKEN, expiresAt);
    }

    private TestHttp.Response call(TestHttp.Response r) {
        answers.add(r);
        return r;
    }

    /** {@code DECISION subject details reason} of each {@code action} record naming {@code execution}. */
    private List<String> audit(String action, String execution) {
        return tx.executeRead(s -> jdbc.prepareStatement("SELECT decision, subject_id, details_json, reason"
                + " FROM audit_event WHERE action = ? ORDER BY seq", ps -> {
                    ps.setString(1, action);
                    List<String> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String line = rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4);
                            if (line.contains("\"execution\":\"" + execution + "\"")) {
                                out.add(line);
                            }
                        }
                    }
                    return out;
                }));
    }

    private String lastAudit(String action) {
        return tx.executeRead(s -> jdbc.prepareStatement("SELECT action, subject_id, decision, reason, details_json, actor"
                + " FROM audit_event WHERE action = ? ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY", ps -> {
                    ps.setString(1, action);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " "
                                + rs.getString(4) + " " + rs.getString(5) + " " + rs.getString(6) : "";
                    }
                }));
    }

    private long count(String from) {
        return tx.executeRead(s -> jdbc.prepareStatement("SELECT COUNT(*) FROM " + from, ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }));
    }

    private void assertNoCanaryAnywhere() {
        String audit = tx.executeRead(s -> jdbc.prepareStatement("SELECT * FROM audit_event", ps -> {
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
        for (TestHttp.Response r : answers) {
            assertThat(r.body()).doesNotContain(PERSON_TOKEN);
            assertThat(r.headers().map().toString()).doesNotContain(PERSON_TOKEN);
        }
        assertThat(audit).doesNotContain(PERSON_TOKEN);
        assertThat(dump()).as("H2 file bytes").doesNotContain(PERSON_TOKEN);
        assertThat(log.list).allSatisfy(e -> {
            assertThat(e.getFormattedMessage()).doesNotContain(PERSON_TOKEN);
            if (e.getThrowableProxy() != null && e.getThrowableProxy().getMessage() != null) {
                assertThat(e.getThrowableProxy().getMessage()).doesNotContain(PERSON_TOKEN);
            }
        });
    }

    /** The raw bytes of the database's files, one char per byte. */
    private String dump() {
        tx.executeWrite(s -> jdbc.prepareStatement("CHECKPOINT SYNC", ps -> ps.execute()));
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(database)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
