package io.carapulse.tools.boundary;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.carapulse.tools.boundary.BoundaryTestSupport.AUTH_METHOD;
import static io.carapulse.tools.boundary.BoundaryTestSupport.PASSWORD;
import static io.carapulse.tools.boundary.BoundaryTestSupport.TOKEN;
import static io.carapulse.tools.boundary.BoundaryTestSupport.call;
import static io.carapulse.tools.boundary.BoundaryTestSupport.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.testkit.tool.RecordingToolContext;
import io.carapulse.tools.process.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST transport (no boundary binary on the PATH) against WireMock answering like a Boundary 0.21
 * controller: the password login, bearer token and correlation id, pagination by list token, the error
 * envelope {@code {"kind", "message", "details"}}, check-and-set on a role's version, and the canaries.
 */
class BoundaryHttpTest {

    private static final String LOGIN = "/v1/auth-methods/" + AUTH_METHOD + ":authenticate";
    private static final String BEARER = "Bearer " + TOKEN;
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final String GRANT = "{\"target\": \"ttcp_1234567890\", \"role\": \"r_1234567890\", "
            + "\"principal\": \"u_1234567890\"}";

    @TempDir
    Path emptyPath;

    private final WireMockServer boundary = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final ProcessRunner runner = new ProcessRunner();
    private final RecordingToolContext ctx = RecordingToolContext.withTimeout(Duration.ofMinutes(1));
    private BoundaryAdapter adapter;

    @BeforeEach
    void start() {
        boundary.start();
        BoundaryTestSupport.login(boundary);
        adapter = BoundaryTestSupport.adapter(base(), emptyPath, runner);
    }

    @AfterEach
    void stop() {
        boundary.stop();
        runner.close();
    }

    private String base() {
        return "http://127.0.0.1:" + boundary.port();
    }

    private ToolResult run(String action, String args) {
        return adapter.action(action).orElseThrow().execute(call(action, args), ctx);
    }

    private Throwable failure(String action, String args) {
        return catchThrowable(() -> run(action, args));
    }

    private void item(String path, String fixture) {
        boundary.stubFor(get(urlEqualTo(path)).withHeader("Authorization", equalTo(BEARER)).willReturn(okJson(fixture(fixture))));
    }

    private static String envelope(String kind, String message) {
        return "{\"kind\":\"" + kind + "\",\"message\":\"" + message + "\"}";
    }

    @Test
    void shouldLogInWithThePasswordThenReadWithTheBearerTokenAndACorrelationId() {
        item("/v1/targets/ttcp_1234567890", "target.json");

        ToolResult result = run("target-get", "{\"target\": \"ttcp_1234567890\"}");

        boundary.verify(postRequestedFor(urlEqualTo(LOGIN)).withRequestBody(equalToJson(
                "{\"command\":\"login\",\"attributes\":{\"login_name\":\"carapulse\",\"password\":\"" + PASSWORD + "\"}}"))
                .withHeader("Authorization", absent()));
        List<LoggedRequest> reads = boundary.findAll(getRequestedFor(urlEqualTo("/v1/targets/ttcp_1234567890"))
                .withHeader("Authorization", equalTo(BEARER)).withHeader("X-Correlation-Id", matching(UUID)));
        assertThat(reads).hasSize(1);
        assertThat(result.transport()).isEqualTo(Transport.HTTP);
        assertThat(result.command()).containsExactly("GET", base() + "/v1/targets/ttcp_1234567890");
        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(result.externalIds()).containsEntry("targetId", "ttcp_1234567890")
                .containsEntry("correlationId", reads.get(0).getHeader("X-Correlation-Id"));
        assertThat(result.data().path("attributes").path("default_port").asInt()).isEqualTo(5432);
    }

    @Test
    void shouldFollowListTokensUntilTheListIsCompleteAndDropRemovedIds() {
        String page1 = "{\"items\":[" + fixture("target.json") + "," + fixture("target-redis.json") + "],"
                + "\"response_type\":\"delta\",\"list_token\":\"GzusqckarbczHoLGQ4UA25uSRmN\",\"sort_by\":\"created_time\","
                + "\"sort_dir\":\"desc\",\"removed_ids\":[],\"est_item_count\":3}";
        String page2 = "{\"items\":[" + fixture("target-other-scope.json").replace("ttcp_1234567890", "ttcp_3rdTarget0")
                + "],\"response_type\":\"complete\",\"list_token\":\"GzusqckarbczHoLGQ4UA25uSRmO\",\"sort_by\":"
                + "\"created_time\",\"sort_dir\":\"desc\",\"removed_ids\":[\"ttcp_R3d1sPr0d9\"],\"est_item_count\":2}";
        boundary.stubFor(get(urlPathEqualTo("/v1/targets")).withQueryParam("scope_id", equalTo("p_1234567890"))
                .withQueryParam("list_token", absent()).willReturn(okJson(page1)));
        boundary.stubFor(get(urlPathEqualTo("/v1/targets")).withQueryParam("scope_id", equalTo("p_1234567890"))
                .withQueryParam("list_token", equalTo("GzusqckarbczHoLGQ4UA25uSRmN")).willReturn(okJson(page2)));

        ToolResult result = run("targets", "{\"scope\": \"p_1234567890\"}");

        assertThat(result.data().path("targets").findValuesAsText("id")).containsExactly("ttcp_1234567890", "ttcp_3rdTarget0");
        assertThat(result.externalIds()).containsEntry("pages", "2").containsEntry("targetCount", "2");
        assertThat(result.externalIds().get("correlationIds").split(",")).hasSize(2);
        assertThat(result.output()).contains("GzusqckarbczHoLGQ4UA25uSRmO");
    }

    @Test
    void shouldReadTheErrorEnvelopeAsTheFamilysFailures() {
        boundary.stubFor(get(urlEqualTo("/v1/scopes/p_1234567890")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody(envelope("PermissionDenied", "Forbidden."))));
        boundary.stubFor(get(urlEqualTo("/v1/targets/ttcp_1234567890")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"kind\":\"InvalidArgument\",\"message\":"
                        + "\"Invalid formatted identifier.\",\"details\":{\"request_fields\":[{\"name\":\"id\","
                        + "\"description\":\"Invalid formatted identifier.\"}]}}")));
        boundary.stubFor(get(urlPathEqualTo("/v1/sessions")).willReturn(aResponse().withStatus(503)
                .withBody(envelope("Unavailable", "controller is shutting down"))));

        Throwable forbidden = failure("scopes", "{\"scope\": \"p_1234567890\"}");
        Throwable invalid = failure("target-get", "{\"target\": \"ttcp_1234567890\"}");
        Throwable unavailable = failure("sessions", "{\"user\": \"u_1234567890\", \"scope\": \"p_1234567890\"}");

        assertThat(forbidden).isInstanceOf(ToolException.class).hasMessageContaining("403: PermissionDenied: Forbidden.");
        assertThat(((ToolException) forbidden).failure()).isEqualTo(ToolFailure.FORBIDDEN);
        assertThat(((ToolException) forbidden).partial()).get().extracting(ToolResult::httpStatus).isEqualTo(403);
        assertThat(((ToolException) invalid).failure()).isEqualTo(ToolFailure.INVALID_ARGUMENTS);
        assertThat(invalid).hasMessageContaining("(id: Invalid formatted identifier.)");
        assertThat(unavailable).as("a read may be retried").isInstanceOf(RetriableToolException.class);
        assertThat(((RetriableToolException) unavailable).failure()).isEqualTo(ToolFailure.UNAVAILABLE);
    }

    @Test
    void shouldAddThePrincipalWithTheRolesVersionAndReadAgainWhenTheVersionMoved() {
        item("/v1/targets/ttcp_1234567890", "target.json");
        String moved = fixture("role.json").replace("\"version\":7", "\"version\":9");
        boundary.stubFor(get(urlEqualTo("/v1/roles/r_1234567890")).inScenario("cas").whenScenarioStateIs(STARTED)
                .willReturn(okJson(fixture("role.json"))));
        boundary.stubFor(get(urlEqualTo("/v1/roles/r_1234567890")).inScenario("cas").whenScenarioStateIs("moved")
                .willReturn(okJson(moved)));
        boundary.stubFor(post(urlEqualTo("/v1/roles/r_1234567890:add-principals"))
                .withRequestBody(equalToJson("{\"version\":7,\"principal_ids\":[\"u_1234567890\"]}"))
                .inScenario("cas").willSetStateTo("moved").willReturn(aResponse().withStatus(400)
                        .withHeader("Content-Type", "application/json").withBody(envelope("FailedPrecondition",
                                "role version mismatch"))));
        boundary.stubFor(post(urlEqualTo("/v1/roles/r_1234567890:add-principals"))
                .withRequestBody(equalToJson("{\"version\":9,\"principal_ids\":[\"u_1234567890\"]}"))
                .willReturn(okJson(fixture("role-with-principal.json"))));

        ToolResult result = run("grant-access", GRANT);

        boundary.verify(2, postRequestedFor(urlEqualTo("/v1/roles/r_1234567890:add-principals")));
        assertThat(result.command()).containsExactly("POST", base() + "/v1/roles/r_1234567890:add-principals");
        assertThat(result.data().path("changed").asBoolean()).isTrue();
        assertThat(result.externalIds()).containsKeys("correlationId", "targetId", "roleId", "principalId");
    }

    @Test
    void shouldStopAfterThreeVersionConflictsWithConflict() {
        item("/v1/targets/ttcp_1234567890", "target.json");
        item("/v1/roles/r_1234567890", "role.json");
        boundary.stubFor(post(urlEqualTo("/v1/roles/r_1234567890:add-principals")).willReturn(aResponse().withStatus(400)
                .withBody(envelope("FailedPrecondition", "role version mismatch"))));

        Throwable failed = failure("grant-access", GRANT);

        assertThat(failed).isInstanceOf(ToolException.class);
        assertThat(((ToolException) failed).failure()).isEqualTo(ToolFailure.CONFLICT);
        boundary.verify(3, postRequestedFor(urlEqualTo("/v1/roles/r_1234567890:add-principals")));
    }

    @Test
    void shouldRemoveThePrincipalWithTheRolesVersionAndCancelASessionWithItsVersion() {
        item("/v1/roles/r_1234567890", "role-with-principal.json");
        boundary.stubFor(post(urlEqualTo("/v1/roles/r_1234567890:remove-principals"))
                .withRequestBody(equalToJson("{\"version\":8,\"principal_ids\":[\"u_1234567890\"]}"))
                .willReturn(okJson(fixture("role.json"))));
        item("/v1/sessions/s_1234567890", "session.json");
        boundary.stubFor(post(urlEqualTo("/v1/sessions/s_1234567890:cancel")).withRequestBody(equalToJson("{\"version\":2}"))
                .willReturn(okJson(fixture("session-canceling.json"))));

        ToolResult revoked = run("revoke-access", "{\"role\": \"r_1234567890\", \"principal\": \"u_1234567890\"}");
        ToolResult cancelled = run("session-cancel", "{\"session\": \"s_1234567890\"}");

        assertThat(revoked.data().path("changed").asBoolean()).isTrue();
        assertThat(cancelled.command()).containsExactly("POST", base() + "/v1/sessions/s_1234567890:cancel");
        assertThat(cancelled.externalIds()).containsEntry("sessionId", "s_1234567890").containsKey("correlationId");
    }

    @Test
    void shouldLogInAgainWhenTheTokenIsRefusedAndKeepItOtherwise() {
        boundary.stubFor(get(urlEqualTo("/v1/scopes/p_1234567890")).inScenario("expiry").whenScenarioStateIs(STARTED)
                .willSetStateTo("refused-once").willReturn(aResponse().withStatus(401)
                        .withBody(envelope("Unauthenticated", "Unauthenticated, or invalid token."))));
        boundary.stubFor(get(urlEqualTo("/v1/scopes/p_1234567890")).inScenario("expiry").whenScenarioStateIs("refused-once")
                .willReturn(okJson(fixture("scope.json"))));

        run("scopes", "{\"scope\": \"p_1234567890\"}");
        run("scopes", "{\"scope\": \"p_1234567890\"}");

        boundary.verify(2, postRequestedFor(urlEqualTo(LOGIN)));
        boundary.verify(3, getRequestedFor(urlEqualTo("/v1/scopes/p_1234567890")));
    }

    @Test
    void shouldLogInAgainOnlyWhenTheTokenIsAboutToExpire() {
        boundary.stubFor(post(urlEqualTo(LOGIN)).willReturn(okJson(fixture("authenticate.json")
                .replace("2099-12-14T09:00:00.112233Z", "2026-12-07T10:00:00Z"))));
        item("/v1/scopes/p_1234567890", "scope.json");
        BoundaryAdapter early = adapterAt("2026-12-07T09:00:00Z");
        BoundaryAdapter late = adapterAt("2026-12-07T09:59:30Z");

        early.action("scopes").orElseThrow().execute(call("scopes", "{\"scope\": \"p_1234567890\"}"), ctx);
        early.action("scopes").orElseThrow().execute(call("scopes", "{\"scope\": \"p_1234567890\"}"), ctx);
        boundary.verify(1, postRequestedFor(urlEqualTo(LOGIN)));
        late.action("scopes").orElseThrow().execute(call("scopes", "{\"scope\": \"p_1234567890\"}"), ctx);
        late.action("scopes").orElseThrow().execute(call("scopes", "{\"scope\": \"p_1234567890\"}"), ctx);

        boundary.verify(3, postRequestedFor(urlEqualTo(LOGIN)));
    }

    private BoundaryAdapter adapterAt(String instant) {
        return new BoundaryAdapter(BoundaryTestSupport.catalog(base()), BoundaryTestSupport.selector(emptyPath),
                new io.carapulse.tools.cli.CliInvoker(runner), name -> name.equals("BOUNDARY_PASSWORD") ? PASSWORD : null,
                java.time.Clock.fixed(java.time.Instant.parse(instant), java.time.ZoneOffset.UTC));
    }

    @Test
    void shouldNeverSurfaceThePasswordOrTheTokenEvenWhenTheControllerEchoesThem() {
        boundary.stubFor(get(urlEqualTo("/v1/scopes/p_1234567890")).willReturn(aResponse().withStatus(403)
                .withBody(envelope("PermissionDenied", "token " + TOKEN + " of account with password " + PASSWORD
                        + " may not read"))));
        boundary.stubFor(get(urlEqualTo("/v1/targets/ttcp_1234567890")).willReturn(okJson(
                fixture("target.json").replace("Primary PostgreSQL", "debug " + TOKEN + " " + PASSWORD))));

        Throwable refused = failure("scopes", "{\"scope\": \"p_1234567890\"}");
        ToolResult read = run("target-get", "{\"target\": \"ttcp_1234567890\"}");

        String surfaced = refused.getMessage() + ((ToolException) refused).partial().map(ToolResult::output).orElse("")
                + read.output() + read.data() + read.externalIds() + read.command() + String.join("\n", ctx.lines());
        assertThat(surfaced).contains("may not read", "debug").doesNotContain(TOKEN).doesNotContain(PASSWORD);
    }

    @Test
    void shouldNotShowThePasswordWhenTheLoginIsRefused() {
        boundary.stubFor(post(urlEqualTo(LOGIN)).willReturn(aResponse().withStatus(401)
                .withBody(envelope("Unauthenticated", "Unable to authenticate with password " + PASSWORD))));

        Throwable refused = failure("scopes", "{\"scope\": \"p_1234567890\"}");

        assertThat(refused).isInstanceOf(ToolException.class).hasMessageContaining("logging in to Boundary as carapulse")
                .hasMessageNotContaining(PASSWORD);
        assertThat(((ToolException) refused).failure()).isEqualTo(ToolFailure.UNAUTHENTICATED);
        boundary.verify(0, getRequestedFor(urlEqualTo("/v1/scopes/p_1234567890")));
    }
}
