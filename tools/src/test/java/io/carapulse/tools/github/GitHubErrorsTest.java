package io.carapulse.tools.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.api.tool.ToolFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one table naming GitHub's failures: HTTP statuses and headers (SDK path), gh's exits and stderr (CLI path). */
class GitHubErrorsTest {

    @Test
    void statusesShouldReadAsTheFamilysFailures() {
        Map<Integer, ToolFailure> table = Map.of(400, ToolFailure.INVALID_ARGUMENTS, 401, ToolFailure.UNAUTHENTICATED,
                403, ToolFailure.FORBIDDEN, 404, ToolFailure.NOT_FOUND, 405, ToolFailure.CONFLICT,
                409, ToolFailure.CONFLICT, 422, ToolFailure.CONFLICT, 429, ToolFailure.RATE_LIMITED,
                502, ToolFailure.UNAVAILABLE, 0, ToolFailure.UNAVAILABLE);
        table.forEach((status, failure) -> assertThat(GitHubErrors.failure(status, false)).as("HTTP " + status)
                .isEqualTo(failure));
        assertThat(GitHubErrors.failure(418, false)).isEqualTo(ToolFailure.TOOL_FAILED);
        assertThat(GitHubErrors.failure(403, true)).isEqualTo(ToolFailure.RATE_LIMITED);
    }

    @Test
    void aRateLimitShouldBeKnownByItsHeaders() {
        assertThat(GitHubErrors.rateLimited(Map.of("x-ratelimit-remaining", List.of("0")))).isTrue();
        assertThat(GitHubErrors.rateLimited(Map.of("X-RateLimit-Remaining", List.of("0")))).isTrue();
        assertThat(GitHubErrors.rateLimited(Map.of("retry-after", List.of("60")))).isTrue();
        assertThat(GitHubErrors.rateLimited(Map.of("x-ratelimit-remaining", List.of("4999")))).isFalse();
        assertThat(GitHubErrors.rateLimited(Map.of())).isFalse();
    }

    @Test
    void ghsExitsShouldReadByTheStatusAndMessageItPrinted() {
        record Exit(int code, String stderr, ToolFailure expected) {
        }
        for (Exit e : List.of(
                new Exit(1, "gh: Not Found (HTTP 404)\n", ToolFailure.NOT_FOUND),
                new Exit(1, "gh: Bad credentials (HTTP 401)\n", ToolFailure.UNAUTHENTICATED),
                new Exit(1, "gh: Resource not accessible by integration (HTTP 403)\n", ToolFailure.FORBIDDEN),
                new Exit(1, "gh: API rate limit exceeded for installation ID 7890123. (HTTP 403)\n", ToolFailure.RATE_LIMITED),
                new Exit(1, "gh: You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
                        + " (HTTP 403)\n", ToolFailure.RATE_LIMITED),
                new Exit(1, "gh: Reference already exists (HTTP 422)\n", ToolFailure.CONFLICT),
                new Exit(1, "gh: Head branch was modified. Review and try the merge again. (HTTP 409)\n", ToolFailure.CONFLICT),
                new Exit(1, "gh: Pull Request is not mergeable (HTTP 405)\n", ToolFailure.CONFLICT),
                new Exit(1, "gh: Server Error (HTTP 502)\n", ToolFailure.UNAVAILABLE),
                new Exit(1, "HTTP 404: Not Found (https://api.github.com/repos/acme/web/pulls/99)\n", ToolFailure.NOT_FOUND),
                new Exit(4, "To get started with GitHub CLI, please run:  gh auth login\n", ToolFailure.UNAUTHENTICATED),
                new Exit(1, "Get \"https://127.0.0.1:9/api/v3/repos/a/b\": dial tcp 127.0.0.1:9: connect: connection "
                        + "refused\n", ToolFailure.UNAVAILABLE),
                new Exit(1, "Get \"https://ghe.example.com/api/v3/x\": x509: certificate signed by unknown authority\n",
                        ToolFailure.UNAVAILABLE),
                new Exit(1, "unknown flag: --bogus\n", ToolFailure.INVALID_ARGUMENTS),
                new Exit(1, "something else\n", ToolFailure.TOOL_FAILED))) {
            assertThat(GitHubErrors.EXITS.code(e.code(), e.stderr())).as(e.stderr()).isEqualTo(e.expected());
        }
    }
}
