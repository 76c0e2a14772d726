package io.carapulse.core.broker.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.carapulse.tools.github.GitHubStubs.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.api.dto.TokenCreatedView;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.token.TokenService;
import io.carapulse.tools.github.GitHubStubs;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Agents acting through plans: a runbook with a GitHub integration of its own reads GitHub with that
 * integration's token whoever runs it, where a plan with the same step made by a person uses the
 * environment's; an agent token's plans use the agent's own integration. The stub accepts any token, so the
 * test reads which one each call carried; the lease's audit record names the agent, never the token. A runbook
 * that does not exist, or is retired, cannot be given an integration; one per provider per runbook.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunbookAgentCredentialsTest implements TestPropertyProvider {

    static final String FILE = "values/web.yaml";
    static final String ENVIRONMENT_TOKEN = "canary-environment-token-3c1d";
    static final String RUNBOOK_TOKEN = "canary-runbook-token-9e4f";
    static final String AGENT_TOKEN = "canary-agent-token-51aa";
    static final String YAML = "application/yaml";

    final GitHubStubs github = new GitHubStubs(null, null);

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject JdbcOperations jdbc;
    @Inject TransactionOperations<Connection> tx;

    TestHttp http;
    String admin;
    String operator;
    String runbook;

    @Override
    public Map<String, String> getProperties() {
        String gh = "carapulse.environments.staging.github.";
        return Map.of("carapulse.broker.key-encryption-key", "file:" + io.carapulse.core.broker.TestKeks.file(41),
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
        github.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo(GitHubStubs.PREFIX + "/user"))
                .willReturn(json(200, github.user("carapulse-bot")).withHeader("X-OAuth-Scopes", "repo")));
        http = new TestHttp(server.getURL());
        admin = tokens.create(Actor.SYSTEM, "rba-admin", List.of("admin")).token();
        operator = tokens.create(Actor.SYSTEM, "rba-operator", List.of("operator")).token();
        runbook = "read-web-" + Long.toString(System.nanoTime(), 36);
        IntegrationTables.clear(tx, jdbc);
        assertThat(link(ENVIRONMENT_TOKEN, "\"environments\": [\"staging\"]").status()).isEqualTo(201);
        TestHttp.Response applied = http.send("POST", "/v1/runbooks", admin, YAML, String.join("\n",
                "name: " + runbook,
                "description: Read web's values",
                "environments: [staging]",
                "summary: read web's values",
                "steps:",
                "  - tool: github",
                "    action: file-get",
                "    args: {repo: acme/web, path: " + FILE + ", ref: main}",
                ""));
        assertThat(applied.status()).as(applied.body()).isEqualTo(201);
    }

    @Test
    void aRunbookShouldReadWithItsOwnIntegrationAndAPersonsPlanWithTheEnvironments() {
        TestHttp.Response own = link(RUNBOOK_TOKEN, "\"agent\": \"runbook:" + runbook + "\"");
        assertThat(own.status()).as(own.body()).isEqualTo(201);
        assertThat(own.json().path("scope").asText()).isEqualTo("agent");
        assertThat(own.json().path("agent").asText()).isEqualTo("runbook:" + runbook);
        assertThat(link(RUNBOOK_TOKEN, "\"agent\": \"runbook:" + runbook + "\"").status())
                .as("at most one per provider per agent").isEqualTo(409);

        TestHttp.Response ran = http.post("/v1/runbooks/" + runbook + "/runs", operator, "{\"environment\":\"staging\"}");
        assertThat(ran.status()).as(ran.body()).isEqualTo(201);
        String byRunbook = ran.json().path("executionId").asText();
        assertThat(http.awaitExecution(byRunbook, operator).path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(readTokens()).containsOnly("token " + RUNBOOK_TOKEN);

        github.server().resetRequests();
        String byPerson = execute(operator, plan());
        assertThat(http.awaitExecution(byPerson, operator).path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(readTokens()).containsOnly("token " + ENVIRONMENT_TOKEN);

        List<String> uses = uses();
        assertThat(uses).anySatisfy(u -> assertThat(u).contains("\"execution\":\"" + byRunbook + "\"",
                "\"agent\":\"runbook:" + runbook + "\""));
        assertThat(uses).anySatisfy(u -> assertThat(u).contains("\"execution\":\"" + byPerson + "\"")
                .doesNotContain("\"agent\""));
        assertThat(String.join("\n", uses)).doesNotContain(RUNBOOK_TOKEN, ENVIRONMENT_TOKEN);
    }

    @Test
    void anAgentTokensPlanShouldReadWithTheAgentsOwnIntegration() {
        TokenCreatedView agent = tokens.create(Actor.SYSTEM, "rba-agent", List.of("operator"), true);
        assertThat(link(AGENT_TOKEN, "\"agent\": \"" + agent.id() + "\"").status()).isEqualTo(201);

        String execution = execute(agent.token(), plan());

        assertThat(http.awaitExecution(execution, operator).path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(readTokens()).containsOnly("token " + AGENT_TOKEN);
        assertThat(uses()).anySatisfy(u -> assertThat(u).contains("\"execution\":\"" + execution + "\"",
                "\"agent\":\"token:" + agent.id() + "\""));
    }

    @Test
    void onlyARunbookThatExistsAndIsNotRetiredShouldHaveAnIntegration() {
        TestHttp.Response missing = link(RUNBOOK_TOKEN, "\"agent\": \"runbook:no-such-runbook\"");
        assertThat(http.delete("/v1/runbooks/" + runbook, admin).status()).isEqualTo(204);
        TestHttp.Response retired = link(RUNBOOK_TOKEN, "\"agent\": \"runbook:" + runbook + "\"");

        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().path("detail").asText())
                .isEqualTo("agent: Agent 'runbook:no-such-runbook' not found: there is no runbook 'no-such-runbook'");
        assertThat(retired.status()).isEqualTo(422);
        assertThat(retired.json().path("detail").asText()).endsWith("runbook '" + runbook + "' is retired");
    }

    private TestHttp.Response link(String token, String scope) {
        return http.post("/v1/integrations", admin, """
                {"provider": "github", "authType": "pat", "credentials": {"token": "%s"}, %s, "baseUrl": "%s"}"""
                .formatted(token, scope, github.apiUrl()));
    }

    private String execute(String token, String plan) {
        TestHttp.Response created = http.post("/v1/plans", token, plan);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        TestHttp.Response started = http.post("/v1/plans/" + created.json().get("id").asText() + "/execute", token, "");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        return started.json().get("executionId").asText();
    }

    private List<String> readTokens() {
        return github.requests().stream().filter(r -> r.getUrl().contains("/contents/"))
                .map(r -> r.getHeader("Authorization")).distinct().toList();
    }

    private static String plan() {
        return """
                {"environment": "staging", "summary": "read web's values",
                 "steps": [{"tool": "github", "action": "file-get",
                            "args": {"repo": "acme/web", "path": "%s", "ref": "main"}}]}""".formatted(FILE);
    }

    private List<String> uses() {
        return tx.executeRead(s -> jdbc.prepareStatement(
                "SELECT details_json FROM audit_event WHERE action = ? AND decision = 'ALLOW' ORDER BY seq", ps -> {
                    ps.setString(1, BrokerToolCredentials.USE);
                    List<String> rows = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(rs.getString(1));
                        }
                    }
                    return rows;
                }));
    }
}
