package io.carapulse.tools.boundary;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.carapulse.tools.boundary.BoundaryTestSupport.AUTH_METHOD;
import static io.carapulse.tools.boundary.BoundaryTestSupport.PASSWORD;
import static io.carapulse.tools.boundary.BoundaryTestSupport.TOKEN;
import static io.carapulse.tools.boundary.BoundaryTestSupport.call;
import static io.carapulse.tools.boundary.BoundaryTestSupport.cliApiError;
import static io.carapulse.tools.boundary.BoundaryTestSupport.cliItem;
import static io.carapulse.tools.boundary.BoundaryTestSupport.cliItems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.testkit.cli.FakeBinary;
import io.carapulse.testkit.tool.RecordingToolContext;
import io.carapulse.tools.process.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI transport against a recording fake {@code boundary} printing what Boundary 0.21's CLI prints with
 * {@code -format json}: the exact argv of each flow, the token only in the leased environment, the reads
 * before each write, and the cases where a write is left out because there is nothing to change.
 */
class BoundaryCliTest {

    private static final List<String> COMMON = List.of("-format", "json", "-keyring-type", "none", "-token",
            "env://BOUNDARY_TOKEN");

    @TempDir
    Path dir;

    private final WireMockServer controller = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final ProcessRunner runner = new ProcessRunner();
    private final RecordingToolContext ctx = RecordingToolContext.withTimeout(Duration.ofMinutes(1));

    @BeforeEach
    void start() {
        controller.start();
        BoundaryTestSupport.login(controller);
    }

    @AfterEach
    void stop() {
        controller.stop();
        runner.close();
    }

    private static List<String> argv(String... args) {
        List<String> out = new java.util.ArrayList<>(List.of(args));
        out.addAll(COMMON);
        return out;
    }

    private BoundaryAdapter adapter(FakeBinary cli) {
        return BoundaryTestSupport.adapter("http://127.0.0.1:" + controller.port(), cli.directory(), runner);
    }

    private ToolResult run(FakeBinary cli, String action, String args) {
        return adapter(cli).action(action).orElseThrow().execute(call(action, args), ctx);
    }

    @Test
    void shouldReadATargetWithTheTokenOnlyInTheLeasedEnvironmentAndCleanUpAfter() {
        FakeBinary cli = FakeBinary.builder(dir, "boundary").stdout(cliItem("target.json")).build();

        ToolResult result = run(cli, "target-get", "{\"target\": \"ttcp_1234567890\"}");

        FakeBinary.Invocation only = cli.recorded().get(0);
        assertThat(cli.recorded()).hasSize(1);
        assertThat(only.args()).isEqualTo(argv("targets", "read", "-id", "ttcp_1234567890"));
        assertThat(only.env()).containsEntry("BOUNDARY_TOKEN", TOKEN)
                .containsEntry("BOUNDARY_ADDR", "http://127.0.0.1:" + controller.port())
                .containsEntry("BOUNDARY_SKIP_CACHE_DAEMON", "true")
                .containsEntry("BOUNDARY_SKIP_CLIENT_AGENT", "true")
                .doesNotContainKey("BOUNDARY_PASSWORD");
        assertThat(only.env().values()).doesNotContain(PASSWORD);
        assertThat(String.join(" ", only.argv())).doesNotContain(TOKEN).doesNotContain(PASSWORD);
        assertThat(Files.exists(only.cwd())).as("the call's private directory is gone").isFalse();
        assertThat(result.transport()).isEqualTo(Transport.CLI);
        assertThat(result.externalIds()).containsEntry("targetId", "ttcp_1234567890").containsEntry("scopeId", "p_1234567890");
        assertThat(result.data().path("name").asText()).isEqualTo("postgres-prod");
        controller.verify(1, postRequestedFor(urlEqualTo("/v1/auth-methods/" + AUTH_METHOD + ":authenticate")));
    }

    @Test
    void shouldMaskThePasswordAndTheTokenWhereverTheCliPrintsThem() {
        FakeBinary cli = FakeBinary.builder(dir, "boundary")
                .stdout(cliItem("target.json").replace("Primary PostgreSQL", "debug " + TOKEN + " / " + PASSWORD))
                .stderr("Direct usage of BOUNDARY_TOKEN env var is deprecated; token " + TOKEN + "\n").build();

        ToolResult result = run(cli, "target-get", "{\"target\": \"ttcp_1234567890\"}");

        String surfaced = result.output() + result.data() + result.externalIds() + result.command()
                + String.join("\n", ctx.lines());
        assertThat(surfaced).contains("debug", "deprecated").doesNotContain(TOKEN).doesNotContain(PASSWORD);
    }

    @Test
    void shouldLogInOnceAndReuseTheTokenAcrossCalls() {
        FakeBinary cli = FakeBinary.builder(dir, "boundary").stdout(cliItem("target.json")).build();
        BoundaryAdapter adapter = adapter(cli);

        adapter.action("target-get").orElseThrow().execute(call("target-get", "{\"target\": \"ttcp_1234567890\"}"), ctx);
        adapter.action("scopes").orElseThrow().execute(call("scopes", "{\"scope\": \"p_1234567890\"}"), ctx);

        controller.verify(1, postRequestedFor(urlEqualTo("/v1/auth-methods/" + AUTH_METHOD + ":authenticate")));
        assertThat(cli.recorded()).hasSize(2);
    }

    @Test
    void shouldFindATargetDeclaredByNameInTheDeclaredScopesThenReadIt() {
        FakeBinary cli = FakeBinary.builder(dir, "boundary")
                .answer(List.of("targets", "list"), cliItems("target-redis.json"))
                .stdout(cliItem("target-redis.json")).build();

        ToolResult result = run(cli, "target-get", "{\"target\": \"redis-prod\"}");

        assertThat(cli.recorded()).extracting(FakeBinary.Invocation::args).containsExactly(
                argv("targets", "list", "-scope-id", "p_1234567890", "-filter", "\"/item/name\" == \"redis-prod\""),
                argv("targets", "read", "-id", "ttcp_R3d1sPr0d9"));
        assertThat(result.externalIds()).containsEntry("targetId", "ttcp_R3d1sPr0d9");
    }

    @Test
    void shouldRefuseATargetThatLivesOutsideTheDeclaredScopes() {
        FakeBinary cli = FakeBinary.builder(dir, "boundary").stdout(cliItem("target-other-scope.json")).build();

        ToolException refused = catchThrowableOfType(() -> run(cli, "grant-access",
                "{\"target\": \"ttcp_1234567890\", \"role\": \"r_1234567890\", \"principal\": \"u_1234567890\"}"),
                ToolException.class);

        assertThat(refused.failure()).isEqualTo(ToolFailure.TARGET_NOT_ALLOWED);
        assertThat(refused.getMessage()).contains("p_0987654321");
        assertThat(cli.recorded()).extracting(FakeBinary.Invocation::args)
                .containsExactly(argv("targets", "read", "-id", "ttcp_1234567890"));
    }

    @Test
    void shouldGrantAccessByAddingThePrincipalAtTheRoleVersionItRead() {
        FakeBinary cli = FakeBinary.builder(dir, "boundary")
                .answer(List.of("targets", "read"), cliItem("target.json"))
                .answer(List.of("roles", "read"), cliItem("role.json"))
                .stdout(cliItem("role-with-principal.json")).build();

        ToolResult result = run(cli, "grant-access",
                "{\"target\": \"ttcp_1234567890\", \"role\": \"r_1234567890\", \"principal\": \"u_1234567890\"}");

        assertThat(cli.recorded()).extracting(FakeBinary.Invocation::args).containsExactly(
                argv("targets", "read", "-id", "ttcp_1234567890"),
                argv("roles", "read", "-id", "r_1234567890"),
                argv("roles", "add-principals", "-id", "r_1234567890", "-principal", "u_1234567890", "-version", "7"));
        assertThat(result.command()).containsSubsequence("roles", "add-principals");
        assertThat(result.externalIds()).containsEntry("targetId", "ttcp_1234567890")
                .containsEntry("roleId", "r_1234567890").containsEntry("principalId", "u_1234567890");
        assertThat(result.data().path("changed").asBoolean()).isTrue();
        assertThat(result.data().path("roleVersion").asLong()).isEqualTo(8);
    }

    @Test
    void shouldLeaveARoleThatAlreadyHasThePrincipalAndCaptureNoInverse() {
        FakeBinary cli = FakeBinary.builder(dir, "boundary")
                .answer(List.of("targets", "read"), cliItem("target.json"))
                .stdout(cliItem("role-with-principal.json")).build();
        ToolCall grant = call("grant-access",
                "{\"target\": \"ttcp_1234567890\", \"role\": \"r_1234567890\", \"principal\": \"u_1234567890\"}");
        BoundaryAdapter adapter = adapter(cli);

        Optional<ToolCall> inverse = adapter.action("grant-access").orElseThrow().captureInverse(grant, ctx);
        ToolResult result = adapter.action("grant-access").orElseThrow().execute(grant, ctx);

        assertThat(inverse).as("undoing must not take away access the step did not give").isEmpty();
        assertThat(result.data().path("changed").asBoolean()).isFalse();
        assertThat(cli.recorded()).extracting(i -> i.args().get(1)).doesNotContain("add-principals");
    }

    @Test
    void shouldCaptureRevokeAccessAsTheInverseAndRevokeOnlyAPrincipalThatIsThere() {
        FakeBinary cli = FakeBinary.builder(dir, "boundary").stdout(cliItem("role.json")).build();
        BoundaryAdapter adapter = adapter(cli);
        ToolCall grant = call("grant-access",
                "{\"target\": \"ttcp_1234567890\", \"role\": \"r_1234567890\", \"principal\": \"u_1234567890\"}");

        ToolCall inverse = adapter.action("grant-access").orElseThrow().captureInverse(grant, ctx).orElseThrow();
        ToolResult revokeOfAbsent = adapter.action(inverse.action()).orElseThrow().execute(inverse, ctx);

        assertThat(inverse.action()).isEqualTo("revoke-access");
        assertThat(inverse.args()).isEqualTo(BoundaryTestSupport.json(
                "{\"role\": \"r_1234567890\", \"principal\": \"u_1234567890\"}"));
        assertThat(revokeOfAbsent.data().path("changed").asBoolean()).as("running the inverse twice is safe").isFalse();
        assertThat(cli.recorded()).extracting(FakeBinary.Invocation::args).containsExactly(
                argv("roles", "read", "-id", "r_1234567890"), argv("roles", "read", "-id", "r_1234567890"));
    }

    @Test
    void shouldRevokeAPrincipalAtTheRoleVersionItRead() {
        FakeBinary cli = FakeBinary.builder(dir, "boundary")
                .answer(List.of("roles", "read"), cliItem("role-with-principal.json"))
                .stdout(cliItem("role.json")).build();

        ToolResult result = run(cli, "revoke-access", "{\"role\": \"r_1234567890\", \"principal\": \"u_1234567890\"}");

        assertThat(cli.recorded()).extracting(FakeBinary.Invocation::args).containsExactly(
                argv("roles", "read", "-id", "r_1234567890"),
                argv("roles", "remove-principals", "-id", "r_1234567890", "-principal", "u_1234567890", "-version", "8"));
        assertThat(result.data().path("changed").asBoolean()).isTrue();
    }

    @Test
    void shouldRefuseToGrantThroughARoleWhoseGrantsDoNotCoverTheTarget() {
        FakeBinary cli = FakeBinary.builder(dir, "boundary")
                .answer(List.of("targets", "read"), cliItem("target.json"))
                .stdout(cliItem("role-other-target.json")).build();

        ToolException refused = catchThrowableOfType(() -> run(cli, "grant-access",
                "{\"target\": \"ttcp_1234567890\", \"role\": \"r_1234567890\", \"principal\": \"u_1234567890\"}"),
                ToolException.class);

        assertThat(refused.failure()).isEqualTo(ToolFailure.TARGET_NOT_ALLOWED);
        assertThat(refused.getMessage()).contains("r_1234567890", "ttcp_1234567890");
        assertThat(cli.recorded()).extracting(i -> i.args().get(1)).doesNotContain("add-principals");
    }

    @Test
    void shouldCancelALiveSessionOnADeclaredTargetAndLeaveAnEndingOneAlone() {
        FakeBinary live = FakeBinary.builder(dir.resolve("live"), "boundary")
                .answer(List.of("sessions", "read"), cliItem("session.json"))
                .stdout(cliItem("session-canceling.json")).build();
        FakeBinary ending = FakeBinary.builder(dir.resolve("ending"), "boundary")
                .stdout(cliItem("session-canceling.json")).build();

        ToolResult cancelled = run(live, "session-cancel", "{\"session\": \"s_1234567890\"}");
        ToolResult untouched = run(ending, "session-cancel", "{\"session\": \"s_1234567890\"}");

        assertThat(live.recorded()).extracting(FakeBinary.Invocation::args).containsExactly(
                argv("sessions", "read", "-id", "s_1234567890"), argv("sessions", "cancel", "-id", "s_1234567890"));
        assertThat(cancelled.externalIds()).containsEntry("sessionId", "s_1234567890")
                .containsEntry("targetId", "ttcp_1234567890").containsEntry("userId", "u_aLiCe00001");
        assertThat(cancelled.data().path("status").asText()).isEqualTo("canceling");
        assertThat(ending.recorded()).hasSize(1);
        assertThat(untouched.data().path("changed").asBoolean()).isFalse();
    }

    @Test
    void shouldRefuseToCancelASessionOnAnUndeclaredTargetReadingTheTargetForItsName() {
        FakeBinary cli = FakeBinary.builder(dir, "boundary")
                .answer(List.of("sessions", "read"), cliItem("session-other-target.json"))
                .stdout(cliItem("target-other-scope.json").replace("postgres-prod", "billing-db")).build();

        ToolException refused = catchThrowableOfType(() -> run(cli, "session-cancel", "{\"session\": \"s_1234567890\"}"),
                ToolException.class);

        assertThat(refused.failure()).isEqualTo(ToolFailure.TARGET_NOT_ALLOWED);
        assertThat(cli.recorded()).extracting(i -> i.args().get(1)).containsExactly("read", "read");
    }

    @Test
    void shouldListATargetsSessionsInItsScopeWithAFilterOnItsId() {
        FakeBinary cli = FakeBinary.builder(dir, "boundary")
                .answer(List.of("targets", "read"), cliItem("target.json"))
                .stdout(cliItems("session.json")).build();

        ToolResult result = run(cli, "sessions", "{\"target\": \"ttcp_1234567890\", \"includeTerminated\": true}");

        assertThat(cli.recorded().get(1).args()).isEqualTo(argv("sessions", "list", "-scope-id", "p_1234567890",
                "-filter", "\"/item/target_id\" == \"ttcp_1234567890\"", "-include-terminated"));
        assertThat(result.externalIds()).containsEntry("sessionIds", "s_1234567890").containsEntry("sessionCount", "1");
        assertThat(result.data().path("sessions").get(0).path("user_id").asText()).isEqualTo("u_aLiCe00001");
    }

    @Test
    void shouldListAProjectsTargetsAndAUsersSessionsInADeclaredScope() {
        FakeBinary cli = FakeBinary.builder(dir, "boundary").stdout(cliItems("target.json", "target-other-scope.json"))
                .build();

        ToolResult targets = run(cli, "targets", "{\"scope\": \"p_1234567890\"}");
        run(cli, "sessions", "{\"user\": \"u_1234567890\", \"scope\": \"p_1234567890\"}");

        assertThat(cli.recorded()).extracting(FakeBinary.Invocation::args).containsExactly(
                argv("targets", "list", "-scope-id", "p_1234567890"),
                argv("sessions", "list", "-scope-id", "p_1234567890", "-filter", "\"/item/user_id\" == \"u_1234567890\""));
        assertThat(targets.data().path("targets").get(0).path("declared").asBoolean()).isTrue();
        assertThat(targets.externalIds()).containsEntry("targetCount", "2");
    }

    @Test
    void shouldLogInAgainOnceWhenTheCliReportsTheTokenUnauthenticated() {
        FakeBinary cli = FakeBinary.builder(dir, "boundary").stderr(cliApiError(401, "Unauthenticated",
                "Unauthenticated, or invalid token.")).exitCode(1).build();

        ToolException failed = catchThrowableOfType(() -> run(cli, "scopes", "{\"scope\": \"p_1234567890\"}"),
                ToolException.class);

        assertThat(failed.failure()).isEqualTo(ToolFailure.UNAUTHENTICATED);
        assertThat(cli.recorded()).hasSize(2);
        controller.verify(2, postRequestedFor(urlEqualTo("/v1/auth-methods/" + AUTH_METHOD + ":authenticate")));
    }
}
