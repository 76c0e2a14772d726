package io.carapulse.core.broker.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.carapulse.tools.github.GitHubStubs.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.carapulse.api.tool.ToolException;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.token.TokenService;
import io.carapulse.testkit.tool.RecordingToolContext;
import io.carapulse.tools.github.GitHubStubs;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A tool family taking its token from the broker: staging's github section names
 * {@code token: integration:github}, so no token is in the configuration at all. Until a GitHub
 * integration serves staging, a plan reading GitHub there is refused when it is created; once one is
 * linked, the read runs with the integration's token (the stub accepts only that token), the lease is
 * an audit record naming the execution and never the token, and after the unlink the environment is
 * back to refusing plans.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ToolTokenFromBrokerTest implements TestPropertyProvider {

    static final String FILE = "helm/values/prod/web.yaml";

    final GitHubStubs github = new GitHubStubs();

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject JdbcOperations jdbc;
    @Inject TransactionOperations<Connection> tx;
    @Inject BrokerToolCredentials broker;

    TestHttp http;
    String admin;
    String operator;

    @Override
    public Map<String, String> getProperties() {
        String gh = "carapulse.environments.staging.github.";
        return Map.of("carapulse.broker.key-encryption-key", "file:" + IntegrationApiTest.KEY_FILE,
                gh + "api-url", github.apiUrl().toString(),
                gh + "token", "integration:github",
                gh + "repositories[0].name", "acme/web",
                gh + "repositories[0].bases", "main",
                "carapulse.tools.github.transport", "http");
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
        // what the link checks: GET /user with the token as a bearer
        github.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo(GitHubStubs.PREFIX + "/user"))
                .willReturn(json(200, github.user("carapulse-bot")).withHeader("X-OAuth-Scopes", "repo")));
        http = new TestHttp(server.getURL());
        admin = tokens.create(Actor.SYSTEM, "broker-admin", List.of("admin")).token();
        operator = tokens.create(Actor.SYSTEM, "broker-operator", List.of("operator")).token();
        IntegrationTables.clear(tx, jdbc);
    }

    @Test
    void theReadShouldRunWithTheLinkedTokenAndOnlyWhileAnIntegrationServesTheEnvironment() {
        TestHttp.Response refused = http.post("/v1/plans", operator, plan());
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("no github integration serves it",
                "assistantctl integration link github --env staging");

        TestHttp.Response linked = http.post("/v1/integrations", admin, """
                {"provider": "github", "authType": "pat", "credentials": {"token": "%s"},
                 "environments": ["staging"], "baseUrl": "%s"}""".formatted(GitHubStubs.TOKEN, github.apiUrl()));
        assertThat(linked.status()).as(linked.body()).isEqualTo(201);
        String integration = linked.json().get("id").asText();

        TestHttp.Response created = http.post("/v1/plans", operator, plan());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String planId = created.json().get("id").asText();
        String executionId = http.post("/v1/plans/" + planId + "/execute", operator, "").json().get("executionId").asText();
        JsonNode execution = http.awaitExecution(executionId, operator);

        assertThat(execution.get("status").asText()).as(execution.toString()).isEqualTo("SUCCEEDED");
        List<LoggedRequest> reads = github.requests().stream().filter(r -> r.getUrl().contains("/contents/")).toList();
        assertThat(reads).isNotEmpty().allSatisfy(r ->
                assertThat(r.getHeader("Authorization")).isEqualTo("token " + GitHubStubs.TOKEN));

        List<Map<String, String>> uses = audit(BrokerToolCredentials.USE).stream()
                .filter(u -> u.get("details").contains(executionId)).toList();
        assertThat(uses).isNotEmpty().allSatisfy(u -> {
            assertThat(u).containsEntry("decision", "ALLOW").containsEntry("subject_id", integration);
            assertThat(u.get("details")).contains("\"execution\":\"" + executionId + "\"", "\"tool\":\"github\"",
                    "\"environment\":\"staging\"", "\"plan\":\"" + planId + "\"").doesNotContain(GitHubStubs.TOKEN);
        });
        String evidence = http.get("/v1/executions/" + executionId + "/evidence", operator).body();
        assertThat(evidence).contains("file-get").doesNotContain(GitHubStubs.TOKEN);

        assertThat(http.delete("/v1/integrations/" + integration, admin).status()).isEqualTo(204);
        TestHttp.Response again = http.post("/v1/plans", operator, plan());
        assertThat(again.status()).as(again.body()).isEqualTo(422);
    }

    @Test
    void aPlanWhoseIntegrationWasUnlinkedSinceShouldFailTheStepBeforeAnyCall() {
        TestHttp.Response linked = http.post("/v1/integrations", admin, """
                {"provider": "github", "authType": "pat", "credentials": {"token": "%s"},
                 "isGlobal": true, "baseUrl": "%s"}""".formatted(GitHubStubs.TOKEN, github.apiUrl()));
        assertThat(linked.status()).as(linked.body()).isEqualTo(201);
        String planId = http.post("/v1/plans", operator, plan()).json().get("id").asText();
        assertThat(http.delete("/v1/integrations/" + linked.json().get("id").asText(), admin).status()).isEqualTo(204);

        String executionId = http.post("/v1/plans/" + planId + "/execute", operator, "").json().get("executionId").asText();
        JsonNode execution = http.awaitExecution(executionId, operator);

        assertThat(execution.get("status").asText()).as(execution.toString()).isEqualTo("FAILED");
        assertThat(execution.at("/steps/0/error/detail").asText())
                .contains("through integration:github, but no github integration serves it");
        assertThat(github.requests().stream().filter(r -> r.getUrl().contains("/contents/"))).isEmpty();
    }

    @Test
    void aLeaseNothingServesShouldBeRefusedAndTheRefusalAudited() {
        RecordingToolContext context = RecordingToolContext.withTimeout(Duration.ofSeconds(30));

        assertThatThrownBy(() -> broker.lease("github", "staging", "github", context))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("No integration found for environment=staging (provider github)");
        assertThat(audit(BrokerToolCredentials.USE)).anySatisfy(u -> {
            assertThat(u).containsEntry("decision", "DENY").containsEntry("subject_id", "github");
            assertThat(u.get("details")).contains("\"execution\":\"" + context.executionId() + "\"");
        });
    }

    private static String plan() {
        return """
                {"environment": "staging", "summary": "read web's values",
                 "steps": [{"tool": "github", "action": "file-get",
                            "args": {"repo": "acme/web", "path": "%s", "ref": "main"}}]}""".formatted(FILE);
    }

    private List<Map<String, String>> audit(String action) {
        return tx.executeRead(s -> jdbc.prepareStatement(
                "SELECT decision, subject_id, details_json FROM audit_event WHERE action = ? ORDER BY seq", ps -> {
                    ps.setString(1, action);
                    List<Map<String, String>> rows = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(Map.of("decision", rs.getString(1), "subject_id", rs.getString(2),
                                    "details", rs.getString(3)));
                        }
                    }
                    return rows;
                }));
    }
}
