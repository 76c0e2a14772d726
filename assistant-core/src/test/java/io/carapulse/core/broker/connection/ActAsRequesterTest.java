package io.carapulse.core.broker.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.carapulse.api.dto.TokenCreatedView;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.broker.SecretStore;
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
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code github.as-requester: true}: a plan requested by someone with a connected GitHub connection reads
 * GitHub as that person (the stub accepts only the person's token), and the {@code connection.use} audit
 * record names the execution; someone without a connection gets the environment's own token.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActAsRequesterTest implements TestPropertyProvider {

    static final String PERSON_TOKEN = "gho_canaryPersonalToken4f1a9c7e";
    static final String ENVIRONMENT_TOKEN = "canary-environment-token-77b2";
    static final String FILE = "values/web.yaml";

    final GitHubStubs github = new GitHubStubs(null, PERSON_TOKEN);

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject ConnectionRows rows;
    @Inject SecretStore secrets;
    @Inject JdbcOperations jdbc;
    @Inject TransactionOperations<Connection> tx;

    TestHttp http;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path token = Files.createTempFile("carapulse-gh", ".token");
            Files.writeString(token, ENVIRONMENT_TOKEN + "\n");
            token.toFile().deleteOnExit();
            String gh = "carapulse.environments.staging.github.";
            return Map.of("carapulse.broker.key-encryption-key", "file:" + io.carapulse.core.broker.TestKeks.file(21),
                    gh + "api-url", github.apiUrl().toString(),
                    gh + "token", "file:" + token,
                    gh + "as-requester", "true",
                    gh + "repositories[0].name", "acme/web",
                    gh + "repositories[0].bases", "main",
                    "carapulse.tools.github.transport", "http");
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
    }

    @Test
    void aPersonWithAConnectionShouldReadAsThemselves() {
        TokenCreatedView alice = tokens.create(Actor.SYSTEM, "alice-" + System.nanoTime(), List.of("operator"));
        connect("token:" + alice.id());

        String executionId = run(alice.token());
        JsonNode execution = http.awaitExecution(executionId, alice.token());

        assertThat(execution.get("status").asText()).as(execution.toString()).isEqualTo("SUCCEEDED");
        List<LoggedRequest> reads = github.requests().stream().filter(r -> r.getUrl().contains("/contents/")).toList();
        assertThat(reads).isNotEmpty().allSatisfy(r ->
                assertThat(r.getHeader("Authorization")).isEqualTo("token " + PERSON_TOKEN));
        assertThat(uses()).anySatisfy(d -> assertThat(d).contains("\"execution\":\"" + executionId + "\"",
                "\"tool\":\"github\"", "\"environment\":\"staging\"").doesNotContain(PERSON_TOKEN));
        String evidence = http.get("/v1/executions/" + executionId + "/evidence", alice.token()).body();
        assertThat(evidence).doesNotContain(PERSON_TOKEN);
    }

    @Test
    void aPersonWithoutAConnectionShouldGetTheEnvironmentsToken() {
        TokenCreatedView bob = tokens.create(Actor.SYSTEM, "bob-" + System.nanoTime(), List.of("operator"));

        String executionId = run(bob.token());
        JsonNode execution = http.awaitExecution(executionId, bob.token());

        // the stub knows only the person's token: the environment's is refused, which proves which one was sent
        assertThat(execution.get("status").asText()).as(execution.toString()).isEqualTo("FAILED");
        assertThat(github.requests()).isNotEmpty().allSatisfy(r ->
                assertThat(r.getHeader("Authorization")).isEqualTo("token " + ENVIRONMENT_TOKEN));
        assertThat(uses()).noneSatisfy(d -> assertThat(d).contains(executionId));
    }

    private String run(String token) {
        TestHttp.Response created = http.post("/v1/plans", token, """
                {"environment": "staging", "summary": "read web's values",
                 "steps": [{"tool": "github", "action": "file-get",
                            "args": {"repo": "acme/web", "path": "%s", "ref": "main"}}]}""".formatted(FILE));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return http.post("/v1/plans/" + created.json().get("id").asText() + "/execute", token, "").json()
                .get("executionId").asText();
    }

    private void connect(String actorId) {
        TestConnections.github(tx, rows, secrets, actorId, PERSON_TOKEN, null);
    }

    private List<String> uses() {
        return tx.executeRead(s -> jdbc.prepareStatement(
                "SELECT details_json FROM audit_event WHERE action = 'connection.use' ORDER BY seq", ps -> {
                    List<String> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(rs.getString(1));
                        }
                    }
                    return out;
                }));
    }
}
