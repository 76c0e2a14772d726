package io.carapulse.tools.argocd;

import static io.carapulse.tools.argocd.ArgoTestSupport.JWT;
import static io.carapulse.tools.argocd.ArgoTestSupport.TOKEN;
import static io.carapulse.tools.argocd.ArgoTestSupport.call;
import static io.carapulse.tools.argocd.ArgoTestSupport.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.testkit.cli.FakeBinary;
import io.carapulse.testkit.tool.RecordingToolContext;
import io.carapulse.tools.process.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI transport against a recording fake {@code argocd}: one fake per subcommand
 * ({@code app get}, {@code app sync} …) behind a dispatcher on the PATH, so a read can succeed
 * while the write after it fails.
 */
class ArgoCdCliTest {

    private static final List<String> SERVER = List.of("--server", "argocd.example.com:443", "--grpc-web");

    @TempDir
    Path root;

    private final ProcessRunner runner = new ProcessRunner();
    private final RecordingToolContext ctx = RecordingToolContext.withTimeout(Duration.ofMinutes(1));

    @AfterEach
    void closeRunner() {
        runner.close();
    }

    private FakeBinary fake(String verb, String stdout, String stderr, int exit) {
        return FakeBinary.builder(root.resolve(verb), "argocd").stdout(stdout).stderr(stderr).exitCode(exit).build();
    }

    private FakeBinary get(String fixture) {
        return fake("get", fixture(fixture), "", 0);
    }

    private ArgoCdAdapter adapter() throws IOException {
        Path bin = Files.createDirectories(root.resolve("path"));
        Path dispatcher = bin.resolve("argocd");
        Files.writeString(dispatcher, "#!/bin/bash\nexec '" + root + "'/\"$2\"/bin/argocd \"$@\"\n",
                StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(dispatcher, PosixFilePermissions.fromString("rwx------"));
        return ArgoTestSupport.adapter("argocd.example.com:443", bin, runner);
    }

    private ToolResult run(String action, String args) throws IOException {
        return adapter().action(action).orElseThrow().execute(call(action, args), ctx);
    }

    private static List<String> with(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(SERVER);
        return all;
    }

    @Test
    void shouldGetTheAppWithTheInjectedServerAndTheTokenOnlyInTheEnvironment() throws IOException {
        FakeBinary get = get("application-synced.json");

        ToolResult result = run("app-get", "{\"app\": \"checkout\"}");

        FakeBinary.Invocation call = get.recorded().get(0);
        assertThat(call.args()).containsExactlyElementsOf(with("app", "get", "checkout", "-o", "json"));
        assertThat(call.env()).containsEntry("ARGOCD_AUTH_TOKEN", TOKEN);
        assertThat(String.join(" ", call.args())).doesNotContain(TOKEN).doesNotContain("auth-token");
        assertThat(result.transport()).isEqualTo(Transport.CLI);
        assertThat(result.data().at("/health").asText()).isEqualTo("Healthy");
        assertThat(result.data().at("/sync").asText()).isEqualTo("Synced");
        assertThat(result.data().at("/project").asText()).isEqualTo("payments");
    }

    @Test
    void shouldMaskTheTokenAndAJwtTheCliPrintsEverywhere() throws IOException {
        String app = fixture("application-synced.json").replace("\"notified.notifications.argoproj.io\": \"{}\"",
                "\"note\": \"" + TOKEN + " " + JWT + "\"");
        assertThat(app).contains(TOKEN);
        fake("get", app, "debug: using " + TOKEN + " and " + JWT + "\n", 0);

        ToolResult result = run("app-get", "{\"app\": \"checkout\"}");

        assertThat(result.output()).doesNotContain(TOKEN).doesNotContain(JWT).contains("[REDACTED]");
        assertThat(result.data().toString()).doesNotContain(TOKEN).doesNotContain(JWT);
        assertThat(result.command()).noneMatch(a -> a.contains(TOKEN));
        assertThat(ctx.lines()).isNotEmpty().noneMatch(l -> l.contains(TOKEN) || l.contains(JWT));
    }

    @Test
    void shouldSyncThenReadTheAppForTheEvidence() throws IOException {
        FakeBinary get = get("application-after-sync.json");
        FakeBinary sync = fake("sync", "Name: argocd/checkout\nOperation: Sync\nPhase: Succeeded\n", "", 0);

        ToolResult result = run("app-sync", "{\"app\": \"checkout\", \"revision\": \"v1.4.2\", \"prune\": true}");

        assertThat(sync.recorded()).singleElement().extracting(FakeBinary.Invocation::args)
                .isEqualTo(with("app", "sync", "checkout", "--revision", "v1.4.2", "--prune"));
        assertThat(sync.recorded().get(0).env()).containsEntry("ARGOCD_AUTH_TOKEN", TOKEN);
        assertThat(get.recorded()).as("read before (project check) and after (evidence)").hasSize(2);
        assertThat(result.command()).contains("sync");
        assertThat(result.externalIds()).containsEntry("revision", "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00")
                .containsEntry("historyId", "4").containsEntry("operationStartedAt", "2024-11-21T09:00:01Z")
                .containsEntry("health", "Healthy").containsEntry("sync", "Synced");
    }

    @Test
    void shouldTurnAFailedSyncIntoAMappedExceptionWithEvidence() throws IOException {
        get("application-synced.json");
        fake("sync", "", "time=\"2024-11-21T09:00:00Z\" level=fatal msg=\"rpc error: code = FailedPrecondition desc = "
                + "another operation is already in progress\"\n", 20);

        assertThatThrownBy(() -> run("app-sync", "{\"app\": \"checkout\"}"))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.code()).isEqualTo("conflict");
                    assertThat(e.partial()).hasValueSatisfying(p -> {
                        assertThat(p.exitCode()).isEqualTo(20);
                        assertThat(p.command()).contains("sync", "checkout");
                        assertThat(p.output()).contains("another operation is already in progress");
                    });
                });
    }

    @Test
    void shouldRefuseToSyncAnAppOfAnotherProjectBeforeRunningTheSync() throws IOException {
        get("application-other-project.json");
        FakeBinary sync = fake("sync", "", "", 0);

        assertThatThrownBy(() -> run("app-sync", "{\"app\": \"billing-admin\"}"))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.code()).isEqualTo("target_not_allowed");
                    assertThat(e.getMessage()).contains("platform");
                });
        assertThat(sync.recorded()).isEmpty();
    }

    @Test
    void shouldCaptureTheCurrentHistoryIdAsTheInverseAndRollBackByIdArgument() throws IOException {
        get("application-synced.json");
        FakeBinary rollback = fake("rollback", "", "", 0);
        ArgoCdAdapter adapter = adapter();
        ToolCall call = call("app-rollback", "{\"app\": \"checkout\", \"id\": 2}");

        ToolCall inverse = adapter.action("app-rollback").orElseThrow().captureInverse(call, ctx).orElseThrow();
        ToolResult result = adapter.action("app-rollback").orElseThrow().execute(call, ctx);

        assertThat(inverse.action()).isEqualTo("app-rollback");
        assertThat(inverse.args().get("id").asLong()).isEqualTo(3);
        assertThat(inverse.args().get("app").asText()).isEqualTo("checkout");
        assertThat(rollback.recorded()).singleElement().extracting(FakeBinary.Invocation::args)
                .isEqualTo(with("app", "rollback", "checkout", "2"));
        assertThat(result.externalIds()).containsKey("historyId");
    }

    @Test
    void shouldWaitForHealthAndSyncThenReturnAssertableData() throws IOException {
        get("application-synced.json");
        FakeBinary wait = fake("wait", "Name: argocd/checkout\nHealth Status: Healthy\n", "", 0);

        ToolResult result = run("app-wait", "{\"app\": \"checkout\", \"timeoutSeconds\": 30}");

        assertThat(wait.recorded()).singleElement().extracting(FakeBinary.Invocation::args)
                .isEqualTo(with("app", "wait", "checkout", "--health", "--sync", "--timeout", "30"));
        assertThat(result.data().at("/health").asText()).isEqualTo("Healthy");
        assertThat(result.data().at("/sync").asText()).isEqualTo("Synced");
        assertThat(result.data().at("/operationPhase").asText()).isEqualTo("Succeeded");
    }

    @Test
    void shouldTreatDiffExitOneAsDifferencesFound() throws IOException {
        get("application-synced.json");
        FakeBinary diff = fake("diff", "===== apps/Deployment payments/checkout ======\n<   replicas: 3\n>   replicas: 5\n",
                "", 1);

        ToolResult result = run("app-diff", "{\"app\": \"checkout\"}");

        assertThat(diff.recorded()).singleElement().extracting(FakeBinary.Invocation::args)
                .isEqualTo(with("app", "diff", "checkout"));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.data().at("/differences").asBoolean()).isTrue();
        assertThat(result.output()).contains("replicas: 5");
    }

    @Test
    void shouldReportNoDifferencesOnDiffExitZero() throws IOException {
        get("application-synced.json");
        fake("diff", "", "", 0);

        assertThat(run("app-diff", "{\"app\": \"checkout\"}").data().at("/differences").asBoolean()).isFalse();
    }

    @Test
    void shouldFailADiffThatExitsTwoOrMore() throws IOException {
        get("application-synced.json");
        fake("diff", "", "rpc error: code = PermissionDenied desc = permission denied\n", 20);

        assertThatThrownBy(() -> run("app-diff", "{\"app\": \"checkout\"}"))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.code()).isEqualTo("forbidden"));
    }

    @Test
    void shouldListOnlyTheAppsOfTheEnvironmentsProjects() throws IOException {
        FakeBinary list = fake("list", fixture("cli-app-list.json"), "", 0);

        ToolResult result = run("app-list", "{}");

        assertThat(list.recorded()).singleElement().extracting(FakeBinary.Invocation::args)
                .isEqualTo(with("app", "list", "-o", "json", "--project", "checkout", "--project", "payments"));
        assertThat(result.data().at("/applications")).hasSize(1);
        assertThat(result.data().at("/applications/0/name").asText()).isEqualTo("checkout");
    }

    @Test
    void shouldShowTheHistoryIdsARollbackTakes() throws IOException {
        get("application-synced.json");

        ToolResult result = run("app-history", "{\"app\": \"checkout\"}");

        assertThat(result.data().at("/history").findValuesAsText("id")).containsExactly("1", "2", "3");
        assertThat(result.data().at("/currentId").asLong()).isEqualTo(3);
    }
}
