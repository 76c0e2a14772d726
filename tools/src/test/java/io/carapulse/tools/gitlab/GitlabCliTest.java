package io.carapulse.tools.gitlab;

import static io.carapulse.tools.gitlab.GitlabShapes.MR_SHA;
import static io.carapulse.tools.gitlab.GitlabShapes.P;
import static io.carapulse.tools.gitlab.GitlabShapes.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.api.tool.ToolResult;
import io.carapulse.testkit.cli.FakeBinary;
import io.carapulse.tools.gitlab.GitlabHarness.Via;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code glab} is run (flags as in glab 1.53's {@code api} command, gitlab-org/cli {@code commands/api}):
 * {@code glab api -R <project> --method <M> --include [-H 'Content-Type: application/json' --input <file>]
 * <endpoint>}, the endpoint naming the project itself (percent-encoded), so no placeholder is resolved from a
 * git directory; the token only in {@code GITLAB_TOKEN}, the instance in {@code GITLAB_HOST}, a private empty
 * {@code GLAB_CONFIG_DIR}; all of it gone when the call ends.
 */
class GitlabCliTest {

    @TempDir
    Path dir;
    GitlabHarness gitlab;

    @BeforeEach
    void start() {
        gitlab = new GitlabHarness(dir);
    }

    @AfterEach
    void stop() {
        gitlab.close();
    }

    @Test
    void shouldRunGlabApiWithTheProjectAndTheTokenOnlyInTheLease() throws Exception {
        gitlab.stubs.ok("GET", P + "/merge_requests/7", GitlabShapes.mergeRequest(7, "opened", MR_SHA, null, null));

        ToolResult result = gitlab.action(Via.CLI, "pr-get").execute(GitlabHarness.call("pr-get", "{\"repo\": \""
                + PROJECT + "\", \"number\": 7}"), StepContext.step());

        FakeBinary.Invocation call = gitlab.fake().calls().get(0);
        assertThat(call.args()).containsExactly("api", "-R", PROJECT, "--method", "GET", "--include",
                P + "/merge_requests/7");
        assertThat(String.join(" ", call.argv())).doesNotContain(GitlabWorld.TOKEN);
        assertThat(call.env()).containsEntry("GITLAB_TOKEN", GitlabWorld.TOKEN)
                .containsEntry("GITLAB_HOST", gitlab.stubs.apiUrl().replace("/api/v4", ""))
                .containsEntry("NO_PROMPT", "1").containsEntry("GLAB_CHECK_UPDATE", "false")
                .containsEntry("GLAB_SEND_TELEMETRY", "false").containsKey("GLAB_CONFIG_DIR");
        assertThat(call.env().get("HOME")).isNotEqualTo(System.getProperty("user.home"));
        assertThat(gitlab.fake().configDirMode()).isEqualTo("700");
        Path config = Path.of(call.env().get("GLAB_CONFIG_DIR"));
        assertThat(config).doesNotExist();
        assertThat(config.getParent()).doesNotExist();
        assertThat(result.command().get(0)).isEqualTo(gitlab.fake().bin().resolve("glab").toString());
        assertThat(result.command().subList(1, result.command().size())).containsExactlyElementsOf(call.args());
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void shouldSendABodyAsAPrivateFileThatIsGoneAfterTheCall() throws Exception {
        gitlab.stubs.ok("POST", P + "/pipeline", GitlabShapes.pipeline(1201, "created", MR_SHA, "deploy"));

        ToolResult result = gitlab.action(Via.CLI, "pipeline-run").execute(GitlabHarness.call("pipeline-run",
                "{\"repo\": \"" + PROJECT + "\", \"ref\": \"main\"}"), StepContext.step());

        List<String> args = gitlab.fake().calls().get(0).args();
        assertThat(args.subList(0, 8)).containsExactly("api", "-R", PROJECT, "--method", "POST", "--include", "-H",
                "Content-Type: application/json");
        assertThat(args.get(8)).isEqualTo("--input");
        Path body = Path.of(args.get(9));
        assertThat(args.get(10)).isEqualTo(P + "/pipeline");
        assertThat(body).doesNotExist();
        assertThat(Files.exists(body.getParent())).isFalse();
        assertThat(gitlab.fake().bodies().get(0).toString()).isEqualTo("{\"ref\":\"main\",\"variables\":[]}");
        assertThat(result.command()).contains("POST", P + "/pipeline");
    }

    @Test
    void shouldReadAFailedCallsStatusAndHeadersFromWhatGlabIncluded() {
        gitlab.stubs.on("GET", P + "/merge_requests/7", java.util.Map.of(), 403, java.util.Map.of("RateLimit-Remaining",
                "0", "Retry-After", "60"), GitlabShapes.error("403 Forbidden"));

        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> gitlab.action(Via.CLI, "pr-get")
                .execute(GitlabHarness.call("pr-get", "{\"repo\": \"" + PROJECT + "\", \"number\": 7}"), StepContext.step()));

        assertThat(t).isInstanceOfSatisfying(io.carapulse.api.tool.RetriableToolException.class, e -> {
            assertThat(e.failure()).isEqualTo(io.carapulse.api.tool.ToolFailure.RATE_LIMITED);
            assertThat(e.partial()).hasValueSatisfying(p -> {
                assertThat(p.exitCode()).isEqualTo(1);
                assertThat(p.command().get(0)).endsWith("/glab");
            });
        });
    }
}
