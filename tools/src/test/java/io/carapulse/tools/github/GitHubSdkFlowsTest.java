package io.carapulse.tools.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.process.ProcessRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The github actions through GitHub API for Java (the HTTP path) against the local GitHub. */
class GitHubSdkFlowsTest extends GitHubFlowsContract {

    static GitHubStubs stubs;

    @BeforeAll
    static void start() {
        stubs = new GitHubStubs();
    }

    @AfterAll
    static void stop() {
        stubs.close();
    }

    @Override
    protected GitHubStubs stubs() {
        return stubs;
    }

    @Override
    protected GitHubAdapter adapter() {
        return GitHubWorld.adapter(stubs, null, new ProcessRunner());
    }

    @Override
    protected Transport transport() {
        return Transport.HTTP;
    }

    @Test
    void aRateLimitShouldBeKnownByGitHubsHeadersAloneOnTheSdkPath() {
        stubs.stub(GitHubStubs.getTo("/pulls/7").willReturn(GitHubStubs.error(403, "Forbidden",
                "https://docs.github.com/rest").withHeader("Retry-After", "60")));
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> run("pr-get",
                "{\"repo\": \"acme/web\", \"number\": 7}"));
        assertThat(t).isInstanceOf(io.carapulse.api.tool.RetriableToolException.class);
        assertThat(failureOf(t)).isEqualTo(io.carapulse.api.tool.ToolFailure.RATE_LIMITED);
    }

    @Test
    void theEvidenceOfAnSdkCallShouldBeItsWriteRequest() {
        stubs.issue(7);
        var comment = GitHubStubs.object().put("id", 5).put("html_url", "https://github.com/acme/web/pull/7#issuecomment-5")
                .put("body", "x");
        comment.set("user", stubs.user("bot"));
        stubs.stub(GitHubStubs.postTo("/issues/7/comments").willReturn(GitHubStubs.json(201, comment)));
        ToolResult r = run("pr-comment", "{\"repo\": \"acme/web\", \"number\": 7, \"body\": \"x\"}");
        assertThat(r.command()).containsExactly("POST", stubs.url("/repos/acme/web/issues/7/comments"));
        assertThat(r.httpStatus()).isEqualTo(201);
        assertThat(stubs.calls()).containsExactly("GET ", "GET /issues/7", "POST /issues/7/comments");
    }
}
