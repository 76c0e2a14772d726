package io.carapulse.tools.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.testkit.cli.FakeBinary;
import io.carapulse.tools.process.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI path with a recording fake {@code gh} (answers shaped as gh 2.23 prints them: the REST body on
 * stdout; {@code gh: <message> (HTTP <status>)} on stderr, exit 1): the exact argv, the token only in the
 * lease's environment, a config directory of the call's own, request bodies in 0600 files of the lease,
 * everything removed when the call ends, and the server's own gh settings never passed on.
 */
class GitHubCliTest {

    @TempDir
    Path dir;
    /** The server's own environment: a gh login of its own that no call may see. */
    final ProcessRunner runner = new ProcessRunner(Map.of("PATH", "/usr/bin:/bin", "HOME", "/root",
            "GH_TOKEN", "server-own-gh-token-3a9f", "GH_CONFIG_DIR", "/root/.config/gh", "GH_HOST", "github.com"));
    final GitHubStubs shapes = new GitHubStubs();

    @org.junit.jupiter.api.AfterEach
    void stop() {
        shapes.close();
    }

    GitHubAdapter adapter(GhFake gh, String host) {
        return adapter(gh, host, GitHubWorld.ENVIRONMENT);
    }

    GitHubAdapter adapter(GhFake gh, String host, Map<String, String> environment) {
        return new GitHubAdapter(GitHubWorld.runtime(GitHubWorld.section(host, shapes.apiUrl(), GitHubWorld.token(),
                List.of()), gh.bin(), runner, Clock.systemUTC(), environment::get, Map.of()));
    }

    String pull() {
        return shapes.full(shapes.pull(7, "open", "feature/x", GitHubStubs.HEAD_SHA, "main"), true, "clean", false)
                .toPrettyString();
    }

    @Test
    void shouldRunGhApiWithTheTokenOnlyInItsLeaseAndRemoveTheLeaseAfter() {
        GhFake gh = GhFake.builder(dir).on("repos/acme/web/pulls/7", pull()).build();
        ToolResult r = GitHubWorld.action(adapter(gh, "github.example.com"), "pr-get").execute(
                GitHubWorld.call("pr-get", "{\"repo\": \"acme/web\", \"number\": 7}"), GitHubWorld.context());

        FakeBinary.Invocation call = gh.calls().get(0);
        assertThat(call.args()).containsExactly("api", "repos/acme/web/pulls/7", "--method", "GET", "-H",
                "Accept: application/vnd.github+json", "-H", "X-GitHub-Api-Version: 2022-11-28");
        assertThat(String.join(" ", call.argv())).doesNotContain(GitHubStubs.TOKEN);
        assertThat(call.env()).containsEntry("GH_HOST", "github.example.com")
                .containsEntry("GH_TOKEN", GitHubStubs.TOKEN)
                .containsEntry("GH_ENTERPRISE_TOKEN", GitHubStubs.TOKEN)
                .containsEntry("GH_PROMPT_DISABLED", "1");
        Path config = Path.of(call.env().get("GH_CONFIG_DIR"));
        assertThat(config.getFileName()).hasToString("gh-config");
        assertThat(config).doesNotExist();
        assertThat(config.getParent()).as("the lease's directory is removed with the call").doesNotExist();
        assertThat(call.env().get("HOME")).isNotEqualTo("/root");
        assertThat(call.env().values()).doesNotContain("server-own-gh-token-3a9f", "/root/.config/gh");
        assertThat(r.transport()).isEqualTo(Transport.CLI);
        assertThat(r.command().get(0)).isEqualTo(gh.bin().resolve("gh").toString());
        assertThat(r.command().subList(1, r.command().size())).isEqualTo(call.args());
        assertThat(r.output()).startsWith("#7 open: Bump web to 1.5.0");
    }

    @Test
    void onGitHubComTheTokenShouldGoOnlyToGhToken() {
        GhFake gh = GhFake.builder(dir).on("repos/acme/web/pulls/7", pull()).build();
        GitHubWorld.action(adapter(gh, "github.com"), "pr-get").execute(GitHubWorld.call("pr-get",
                "{\"repo\": \"acme/web\", \"number\": 7}"), GitHubWorld.context());
        assertThat(gh.calls().get(0).env()).containsEntry("GH_HOST", "github.com").containsEntry("GH_TOKEN",
                GitHubStubs.TOKEN).doesNotContainKey("GH_ENTERPRISE_TOKEN");
    }

    @Test
    void aRequestBodyShouldTravelInAPrivateFileOfTheLeaseNeverInArgv() throws Exception {
        String comment = "{\"id\": 5, \"html_url\": \"https://github.com/acme/web/pull/7#issuecomment-5\", \"body\": \"x\"}";
        GhFake gh = GhFake.builder(dir).on("repos/acme/web/issues/7/comments", comment).build();
        ToolResult r = GitHubWorld.action(adapter(gh, "github.com"), "pr-comment").execute(GitHubWorld.call("pr-comment",
                "{\"repo\": \"acme/web\", \"number\": 7, \"body\": \"Rolled out --force; see $HOME\"}"),
                GitHubWorld.context());
        List<String> args = gh.calls().get(0).args();
        assertThat(args.subList(0, 8)).containsExactly("api", "repos/acme/web/issues/7/comments", "--method", "POST",
                "-H", "Accept: application/vnd.github+json", "-H", "X-GitHub-Api-Version: 2022-11-28");
        assertThat(args.get(8)).isEqualTo("--input");
        assertThat(Path.of(args.get(9))).hasFileName("request-1.json").doesNotExist();
        assertThat(gh.inputs()).containsExactly("600\n{\"body\":\"Rolled out --force; see $HOME\"}");
        assertThat(String.join(" ", args)).doesNotContain("Rolled out");
        assertThat(r.externalIds()).containsEntry("github.comment_id", "5");
    }

    @Test
    void ghsErrorsShouldReadAsTheFamilysFailuresWithTheCommandAsEvidence() {
        GhFake gh = GhFake.builder(dir).on("repos/acme/web/pulls/7", "{\"message\":\"API rate limit exceeded for "
                + "installation ID 7890123.\",\"documentation_url\":\"https://docs.github.com/rest/overview/"
                + "resources-in-the-rest-api#rate-limiting\",\"status\":\"403\"}", "gh: API rate limit exceeded for "
                + "installation ID 7890123. (HTTP 403)\n", 1).build();
        Throwable t = catchThrowable(() -> GitHubWorld.action(adapter(gh, "github.com"), "pr-get").execute(
                GitHubWorld.call("pr-get", "{\"repo\": \"acme/web\", \"number\": 7}"), GitHubWorld.context()));
        assertThat(t).isInstanceOf(RetriableToolException.class)
                .hasMessage("github pr-get in acme/web: gh exited 1: gh: API rate limit exceeded for installation ID "
                        + "7890123. (HTTP 403)");
        RetriableToolException e = (RetriableToolException) t;
        assertThat(e.failure()).isEqualTo(ToolFailure.RATE_LIMITED);
        assertThat(e.partial().orElseThrow().exitCode()).isEqualTo(1);
        assertThat(e.partial().orElseThrow().command().get(1)).isEqualTo("api");
        assertThat(e.partial().orElseThrow().externalIds()).containsEntry("github.repository", "acme/web");
    }

    @Test
    void aTokenThatCannotBeReadShouldStopTheCallBeforeGhRunsNamingTheReference() {
        GhFake gh = GhFake.builder(dir).on("repos/acme/web/pulls/7", pull()).build();
        Throwable t = catchThrowable(() -> GitHubWorld.action(adapter(gh, "github.com", Map.of()), "pr-get").execute(
                GitHubWorld.call("pr-get", "{\"repo\": \"acme/web\", \"number\": 7}"), GitHubWorld.context()));
        assertThat(t).isInstanceOf(ToolException.class).hasMessageContaining("env:GITHUB_TOKEN");
        assertThat(((ToolException) t).failure()).isEqualTo(ToolFailure.CONFIGURATION_INVALID);
        assertThat(gh.calls()).isEmpty();
    }

    @Test
    void theLeaseShouldBeRemovedEvenWhenGhFails() {
        GhFake gh = GhFake.builder(dir).build();
        catchThrowable(() -> GitHubWorld.action(adapter(gh, "github.com"), "pr-get").execute(GitHubWorld.call("pr-get",
                "{\"repo\": \"acme/web\", \"number\": 7}"), GitHubWorld.context()));
        Path config = Path.of(gh.calls().get(0).env().get("GH_CONFIG_DIR"));
        assertThat(Files.exists(config.getParent())).isFalse();
    }
}
