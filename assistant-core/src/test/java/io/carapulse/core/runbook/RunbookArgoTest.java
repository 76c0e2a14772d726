package io.carapulse.core.runbook;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.token.TokenService;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The built-in {@code gitops-deploy} runbook end to end against an Argo CD REST API (WireMock serving
 * the Application objects of the tools module's Argo CD fixtures, shaped as Argo CD v2.13 answers):
 * approved, it syncs the application to the revision and waits until it is Healthy and Synced.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunbookArgoTest implements TestPropertyProvider {

    private static final String TOKEN = "argo-runbook-token-5c1e";
    private static final String APP = "/api/v1/applications/checkout";
    private static final Path FIXTURES = Path.of("../tools/src/test/resources/argocd");

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;

    private final WireMockServer argo = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @Override
    public Map<String, String> getProperties() {
        try {
            argo.start();
            Path token = Files.writeString(Files.createTempDirectory("carapulse-argo").resolve("token"), TOKEN);
            return Map.of(
                    "carapulse.environments.prod.argocd.server", "http://127.0.0.1:" + argo.port(),
                    "carapulse.environments.prod.argocd.token", "file:" + token,
                    "carapulse.environments.prod.argocd.projects", "payments",
                    "carapulse.tools.argocd.transport", "http");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    void stop() {
        argo.stop();
    }

    @Test
    void shouldSyncAnApplicationAndWaitUntilItIsHealthy() throws Exception {
        argo.stubFor(WireMock.get(urlEqualTo(APP)).inScenario("deploy").whenScenarioStateIs(STARTED)
                .willReturn(okJson(fixture("application-synced.json"))));
        argo.stubFor(post(urlEqualTo(APP + "/sync")).inScenario("deploy").whenScenarioStateIs(STARTED)
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(equalToJson("{\"revision\": \"v1.4.2\", \"prune\": false, \"dryRun\": false}"))
                .willReturn(okJson(fixture("application-synced.json"))).willSetStateTo("synced"));
        argo.stubFor(WireMock.get(urlEqualTo(APP)).inScenario("deploy").whenScenarioStateIs("synced")
                .willReturn(okJson(fixture("application-after-sync.json"))));
        TestHttp http = new TestHttp(server.getURL());
        String operator = tokens.create(Actor.SYSTEM, "argo-operator", List.of("operator")).token();
        String approver = tokens.create(Actor.SYSTEM, "argo-approver", List.of("approver")).token();

        TestHttp.Response ran = http.post("/v1/runbooks/gitops-deploy/runs", operator,
                "{\"environment\":\"prod\",\"params\":{\"app\":\"checkout\",\"revision\":\"v1.4.2\",\"timeoutSeconds\":60}}");
        assertThat(ran.status()).as(ran.body()).isEqualTo(201);
        String planId = ran.json().at("/plan/id").asText();
        assertThat(ran.json().at("/plan/status").asText()).isEqualTo("AWAITING_APPROVAL");
        assertThat(http.post("/v1/plans/" + planId + "/approval", approver, "{\"decision\":\"approve\"}").status()).isEqualTo(200);
        String executionId = http.post("/v1/plans/" + planId + "/execute", operator, "").json().get("executionId").asText();
        JsonNode execution = http.awaitExecution(executionId, operator);

        assertThat(execution.get("status").asText()).as(execution.toString()).isEqualTo("SUCCEEDED");
        assertThat(execution.get("steps").findValuesAsText("action")).containsExactly("app-sync", "app-wait");
        argo.verify(1, postRequestedFor(urlEqualTo(APP + "/sync")));
        JsonNode evidence = http.get("/v1/executions/" + executionId + "/evidence", operator).json();
        assertThat(evidence.toString()).contains("c0ffee00c0ffee00").doesNotContain(TOKEN);
    }

    private static String fixture(String name) throws IOException {
        return Files.readString(FIXTURES.resolve(name));
    }
}
