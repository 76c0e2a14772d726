package io.carapulse.tools.gitlab;

import static io.carapulse.tools.gitlab.GitlabShapes.P;
import static io.carapulse.tools.gitlab.GitlabShapes.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.tools.gitlab.GitlabHarness.Via;
import io.carapulse.tools.gitlab.internal.GlabReply;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * GitLab's refusals read the same on both transports, from one table ({@link GitlabErrors}): 401
 * unauthenticated, 403 with the rate-limit headers rate_limited else forbidden, 404 not_found, 405/406/409/422
 * and a 400 "already exists" conflict, 429 rate_limited, 5xx unavailable; a read that may pass later is
 * retriable, a write never.
 */
class GitlabErrorsTest {

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
    void shouldMapEveryStatusInOneTable() {
        Map<Integer, ToolFailure> table = Map.ofEntries(Map.entry(0, ToolFailure.UNAVAILABLE),
                Map.entry(400, ToolFailure.INVALID_ARGUMENTS), Map.entry(401, ToolFailure.UNAUTHENTICATED),
                Map.entry(403, ToolFailure.FORBIDDEN), Map.entry(404, ToolFailure.NOT_FOUND),
                Map.entry(405, ToolFailure.CONFLICT), Map.entry(406, ToolFailure.CONFLICT),
                Map.entry(409, ToolFailure.CONFLICT), Map.entry(412, ToolFailure.CONFLICT),
                Map.entry(422, ToolFailure.CONFLICT), Map.entry(429, ToolFailure.RATE_LIMITED),
                Map.entry(500, ToolFailure.UNAVAILABLE), Map.entry(502, ToolFailure.UNAVAILABLE),
                Map.entry(503, ToolFailure.UNAVAILABLE), Map.entry(418, ToolFailure.TOOL_FAILED));
        table.forEach((status, failure) -> assertThat(GitlabErrors.STATUSES.failure(status)).as("HTTP " + status)
                .isEqualTo(failure));
        assertThat(GitlabErrors.failure(403, Map.of("ratelimit-remaining", "0"), "")).isEqualTo(ToolFailure.RATE_LIMITED);
        assertThat(GitlabErrors.failure(403, Map.of("retry-after", "30"), "")).isEqualTo(ToolFailure.RATE_LIMITED);
        assertThat(GitlabErrors.failure(403, Map.of("ratelimit-remaining", "1999"), "")).isEqualTo(ToolFailure.FORBIDDEN);
        assertThat(GitlabErrors.failure(400, Map.of(), "A branch called 'x' already exists")).isEqualTo(ToolFailure.CONFLICT);
    }

    @Test
    void shouldReadGlabsStderrAndItsIncludedAnswer() {
        assertThat(GitlabErrors.EXITS.code(1, "glab: 404 Project Not Found (HTTP 404)\n")).isEqualTo(ToolFailure.NOT_FOUND);
        assertThat(GitlabErrors.EXITS.code(1, "glab: HTTP 503\n")).isEqualTo(ToolFailure.UNAVAILABLE);
        assertThat(GitlabErrors.EXITS.code(1, "glab: 401 Unauthorized (HTTP 401)\n")).isEqualTo(ToolFailure.UNAUTHENTICATED);
        assertThat(GitlabErrors.EXITS.code(1, "dial tcp 10.0.0.1:443: connect: connection refused\n"))
                .isEqualTo(ToolFailure.UNAVAILABLE);
        assertThat(GitlabErrors.EXITS.code(1, "accepts 1 arg(s), received 2\n")).isEqualTo(ToolFailure.TOOL_FAILED);
        GlabReply reply = GlabReply.parse("HTTP/2.0 403 Forbidden\nContent-Type: application/json\r\n"
                + "Ratelimit-Remaining: 0\r\nRetry-After: 60\r\n\r\n{\"message\":\"403 Forbidden\"}");
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.headers()).containsEntry("ratelimit-remaining", "0").containsEntry("retry-after", "60");
        assertThat(reply.body()).isEqualTo("{\"message\":\"403 Forbidden\"}");
        assertThat(GlabReply.parse("{\"id\": 1}")).isEqualTo(new GlabReply(0, Map.of(), "{\"id\": 1}"));
    }

    private Throwable prGet(Via via) {
        return catchThrowable(() -> gitlab.action(via, "pr-get").execute(GitlabHarness.call("pr-get", "{\"repo\": \""
                + PROJECT + "\", \"number\": 7}"), StepContext.step()));
    }

    private static ToolFailure failure(Throwable t) {
        return t instanceof ToolException te ? te.failure() : t instanceof RetriableToolException r ? r.failure() : null;
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void shouldReadGitlabsStatusesTheSameOnBothTransports(Via via) {
        Map<String, String> limited = Map.of("RateLimit-Remaining", "0", "RateLimit-Reset", "1714640000",
                "Retry-After", "60");
        record Case(int status, Map<String, String> headers, ToolFailure expected, boolean retriable) {
        }
        for (Case c : new Case[]{
                new Case(401, Map.of(), ToolFailure.UNAUTHENTICATED, false),
                new Case(403, limited, ToolFailure.RATE_LIMITED, true),
                new Case(403, Map.of("RateLimit-Remaining", "1996"), ToolFailure.FORBIDDEN, false),
                new Case(404, Map.of(), ToolFailure.NOT_FOUND, false),
                new Case(409, Map.of(), ToolFailure.CONFLICT, false),
                new Case(422, Map.of(), ToolFailure.CONFLICT, false),
                new Case(429, limited, ToolFailure.RATE_LIMITED, true),
                new Case(502, Map.of(), ToolFailure.UNAVAILABLE, true)}) {
            gitlab.stubs.on("GET", P + "/merge_requests/7", Map.of(), c.status(), c.headers(),
                    GitlabShapes.error(c.status() + " " + c.expected().code()));
            Throwable t = prGet(via);
            assertThat(failure(t)).as("HTTP " + c.status() + " " + c.headers()).isEqualTo(c.expected());
            assertThat(t instanceof RetriableToolException).as("retriable " + c.status()).isEqualTo(c.retriable());
            assertThat(t.getMessage()).contains("gitlab pr-get on " + PROJECT).contains("merge_requests/7");
        }
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void shouldNeverMakeAWriteRetriable(Via via) {
        gitlab.stubs.ok("GET", P + "/merge_requests/7", GitlabShapes.mergeRequest(7, "opened", GitlabShapes.MR_SHA, null,
                null));
        gitlab.stubs.on("POST", P + "/merge_requests/7/notes", Map.of(), 503, Map.of(), GitlabShapes.error("503"));

        Throwable t = catchThrowable(() -> gitlab.action(via, "pr-comment").execute(GitlabHarness.call("pr-comment",
                "{\"repo\": \"" + PROJECT + "\", \"number\": 7, \"body\": \"hi\"}"), StepContext.step()));

        assertThat(t).isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.failure())
                .isEqualTo(ToolFailure.UNAVAILABLE));
    }

    @Test
    void shouldNameAnUnreadableTokenReferenceNeverAValue() {
        GitlabAdapter adapter = new GitlabAdapter(GitlabWorld.runtime(gitlab.stubs.apiUrl(), null,
                new io.carapulse.tools.process.ProcessRunner(), Map.of()));

        Throwable t = catchThrowable(() -> adapter.action("pr-get").orElseThrow().execute(GitlabHarness.call("pr-get",
                "{\"repo\": \"" + PROJECT + "\", \"number\": 7}"), StepContext.step()));

        assertThat(t).isInstanceOfSatisfying(ToolException.class, e -> {
            assertThat(e.failure()).isEqualTo(ToolFailure.CONFIGURATION_INVALID);
            assertThat(e.getMessage()).contains("the GitLab token reference env:GITLAB_TEST_TOKEN of environment 'prod'");
        });
        assertThat(gitlab.stubs.all()).isEmpty();
    }
}
