package io.carapulse.tools.argocd;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.carapulse.tools.argocd.ArgoTestSupport.TOKEN;
import static io.carapulse.tools.argocd.ArgoTestSupport.call;
import static io.carapulse.tools.argocd.ArgoTestSupport.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.testkit.tool.RecordingToolContext;
import io.carapulse.tools.process.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST transport against WireMock answering like Argo CD 2.13 (no argocd binary on the PATH). */
class ArgoCdHttpTest {

    private static final String APP = "/api/v1/applications/checkout";
    private static final String BEARER = "Bearer " + TOKEN;

    @TempDir
    Path emptyPath;

    private final WireMockServer argo = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final ProcessRunner runner = new ProcessRunner();
    private final RecordingToolContext ctx = RecordingToolContext.withTimeout(Duration.ofMinutes(1));
    private ArgoCdAdapter adapter;

    @BeforeEach
    void start() {
        argo.start();
        adapter = ArgoTestSupport.adapter("http://127.0.0.1:" + argo.port(), emptyPath, runner);
    }

    @AfterEach
    void stop() {
        argo.stop();
        runner.close();
    }

    private void app(String fixture) {
        argo.stubFor(get(urlEqualTo(APP)).withHeader("Authorization", equalTo(BEARER)).willReturn(okJson(fixture(fixture))));
    }

    private ToolResult run(String action, String args) {
        return adapter.action(action).orElseThrow().execute(call(action, args), ctx);
    }

    @Test
    void shouldReadTheAppWithTheBearerTokenThatNeverReachesTheResult() {
        app("application-synced.json");

        ToolResult result = run("app-get", "{\"app\": \"checkout\"}");

        argo.verify(getRequestedFor(urlEqualTo(APP)).withHeader("Authorization", equalTo(BEARER)));
        assertThat(result.transport()).isEqualTo(Transport.HTTP);
        assertThat(result.command()).containsExactly("GET", "http://127.0.0.1:" + argo.port() + APP);
        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(result.data().at("/health").asText()).isEqualTo("Healthy");
        assertThat(result.toString()).doesNotContain(TOKEN);
    }

    @Test
    void shouldSyncThenReadTheAppForRevisionHistoryIdAndStatus() {
        argo.stubFor(get(urlEqualTo(APP)).inScenario("sync").whenScenarioStateIs(STARTED)
                .willReturn(okJson(fixture("application-synced.json"))));
        argo.stubFor(post(urlEqualTo(APP + "/sync")).inScenario("sync").whenScenarioStateIs(STARTED)
                .withHeader("Authorization", equalTo(BEARER))
                .withRequestBody(equalToJson("{\"revision\": \"v1.4.2\", \"prune\": false, \"dryRun\": false}"))
                .willReturn(okJson(fixture("application-synced.json"))).willSetStateTo("synced"));
        argo.stubFor(get(urlEqualTo(APP)).inScenario("sync").whenScenarioStateIs("synced")
                .willReturn(okJson(fixture("application-after-sync.json"))));

        ToolResult result = run("app-sync", "{\"app\": \"checkout\", \"revision\": \"v1.4.2\"}");

        assertThat(result.command()).containsExactly("POST", "http://127.0.0.1:" + argo.port() + APP + "/sync");
        assertThat(result.externalIds()).containsEntry("revision", "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00")
                .containsEntry("historyId", "4").containsEntry("operationStartedAt", "2024-11-21T09:00:01Z")
                .containsEntry("health", "Healthy").containsEntry("sync", "Synced");
        assertThat(result.data().at("/historyId").asLong()).isEqualTo(4);
        argo.verify(2, getRequestedFor(urlEqualTo(APP)));
    }

    @Test
    void shouldCaptureTheHistoryIdBeforeTheRollbackAsItsInverse() {
        app("application-synced.json");
        argo.stubFor(post(urlEqualTo(APP + "/rollback")).withRequestBody(equalToJson("{\"id\": 2, \"prune\": false}"))
                .willReturn(okJson(fixture("application-synced.json"))));
        ToolCall call = call("app-rollback", "{\"app\": \"checkout\", \"id\": 2}");

        ToolCall inverse = adapter.action("app-rollback").orElseThrow().captureInverse(call, ctx).orElseThrow();
        ToolResult result = adapter.action("app-rollback").orElseThrow().execute(call, ctx);

        assertThat(inverse.args().get("id").asLong()).isEqualTo(3);
        assertThat(inverse.environment()).isEqualTo("prod");
        assertThat(result.httpStatus()).isEqualTo(200);
        argo.verify(1, postRequestedFor(urlEqualTo(APP + "/rollback")));
    }

    @Test
    void shouldRefuseAnAppOfAnotherProjectBeforeAnyPost() {
        argo.stubFor(get(urlEqualTo("/api/v1/applications/billing-admin"))
                .willReturn(okJson(fixture("application-other-project.json"))));
        argo.stubFor(post(anyUrl()).willReturn(okJson("{}")));

        assertThatThrownBy(() -> run("app-sync", "{\"app\": \"billing-admin\"}"))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.code()).isEqualTo("target_not_allowed"));
        assertThatThrownBy(() -> run("app-rollback", "{\"app\": \"billing-admin\", \"id\": 1}"))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.code()).isEqualTo("target_not_allowed"));
        argo.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void shouldMapAForbiddenSyncAndQuoteTheServersMessage() {
        app("application-synced.json");
        argo.stubFor(post(urlEqualTo(APP + "/sync")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody(fixture("error-permission-denied.json"))));

        assertThatThrownBy(() -> run("app-sync", "{\"app\": \"checkout\"}"))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.code()).isEqualTo("forbidden");
                    assertThat(e.getMessage()).contains("permission denied: applications, sync");
                    assertThat(e.partial()).hasValueSatisfying(p -> assertThat(p.httpStatus()).isEqualTo(403));
                });
    }

    @Test
    void shouldMakeA503OnAReadRetriableButNotOnAWrite() {
        argo.stubFor(get(urlEqualTo(APP)).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> run("app-get", "{\"app\": \"checkout\"}"))
                .isInstanceOfSatisfying(RetriableToolException.class, e -> assertThat(e.code()).isEqualTo("unavailable"));

        app("application-synced.json");
        argo.stubFor(post(urlEqualTo(APP + "/sync")).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> run("app-sync", "{\"app\": \"checkout\"}"))
                .isExactlyInstanceOf(ToolException.class);
    }

    @Test
    void shouldMapAMissingAppToNotFound() {
        argo.stubFor(get(urlEqualTo(APP)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(fixture("error-not-found.json"))));

        assertThatThrownBy(() -> run("app-get", "{\"app\": \"checkout\"}"))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.code()).isEqualTo("not_found"));
    }

    @Test
    void shouldPollUntilTheAppIsHealthyAndSynced() {
        argo.stubFor(get(urlEqualTo(APP)).inScenario("wait").whenScenarioStateIs(STARTED)
                .willReturn(okJson(fixture("application-progressing.json"))).willSetStateTo("done"));
        argo.stubFor(get(urlEqualTo(APP)).inScenario("wait").whenScenarioStateIs("done")
                .willReturn(okJson(fixture("application-synced.json"))));

        ToolResult result = run("app-wait", "{\"app\": \"checkout\", \"timeoutSeconds\": 60}");

        assertThat(result.data().at("/health").asText()).isEqualTo("Healthy");
        assertThat(result.data().at("/sync").asText()).isEqualTo("Synced");
        argo.verify(2, getRequestedFor(urlEqualTo(APP)));
    }

    @Test
    void shouldStopWaitingWhenTheTimeoutLeavesNoRoomForAnotherPoll() {
        app("application-progressing.json");

        assertThatThrownBy(() -> run("app-wait", "{\"app\": \"checkout\", \"timeoutSeconds\": 1}"))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.code()).isEqualTo("timed_out");
                    assertThat(e.getMessage()).contains("Progressing").contains("OutOfSync");
                });
    }

    @Test
    void shouldStopWaitingWhenCancelled() throws InterruptedException {
        app("application-progressing.json");
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ctx.cancel();
        });
        canceller.start();

        assertThatThrownBy(() -> run("app-wait", "{\"app\": \"checkout\", \"timeoutSeconds\": 600}"))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.code()).isEqualTo("cancelled"));
        canceller.join();
    }

    @Test
    void shouldListOnlyTheEnvironmentsProjects() {
        argo.stubFor(get(urlPathEqualTo("/api/v1/applications")).willReturn(okJson(fixture("application-list.json"))));

        ToolResult result = run("app-list", "{}");

        argo.verify(getRequestedFor(urlEqualTo("/api/v1/applications?projects=checkout&projects=payments")));
        assertThat(result.data().at("/applications").findValuesAsText("name")).containsExactly("checkout");
    }

    @Test
    void shouldShowHistoryFromTheAppStatus() {
        app("application-synced.json");

        assertThat(run("app-history", "{\"app\": \"checkout\"}").data().at("/currentId").asLong()).isEqualTo(3);
    }

    @Test
    void shouldSayThatDiffNeedsTheCli() {
        assertThatThrownBy(() -> run("app-diff", "{\"app\": \"checkout\"}"))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.code()).isEqualTo("transport_unavailable");
                    assertThat(e.getMessage()).contains("install argocd");
                });
    }
}
