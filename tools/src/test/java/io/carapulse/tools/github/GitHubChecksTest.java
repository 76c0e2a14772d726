package io.carapulse.tools.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the checks of a head are judged for pr-checks and pr-merge. */
class GitHubChecksTest {

    static GitHubApi.CheckRun run(String name, String status, String conclusion) {
        return new GitHubApi.CheckRun(name, status, conclusion, null);
    }

    static GitHubApi.CommitStatus status(String context, String state) {
        return new GitHubApi.CommitStatus(context, state, null);
    }

    @Test
    void withoutRequiredChecksEveryCheckCountsAndNoCheckAtAllIsNoSuccess() {
        assertThat(GitHubChecks.judge("s", List.of(run("build", "completed", "success"), run("docs", "completed",
                "skipped"), run("lint", "completed", "neutral")), List.of(status("ci", "success")), List.of()).state())
                .isEqualTo("success");
        assertThat(GitHubChecks.judge("s", List.of(run("build", "completed", "success"), run("flaky", "completed",
                "timed_out")), List.of(), List.of()).failed()).containsExactly("flaky");
        GitHubChecks.Verdict none = GitHubChecks.judge("abc", List.of(), List.of(), List.of());
        assertThat(none.state()).isEqualTo("pending");
        assertThat(none.reason()).isEqualTo("no check has run on abc");
    }

    @Test
    void withRequiredChecksOnlyTheyCountAndOneNotReportedIsPending() {
        List<String> required = List.of("build", "ci/jenkins");
        GitHubChecks.Verdict v = GitHubChecks.judge("s", List.of(run("build", "completed", "success"),
                run("optional", "completed", "failure")), List.of(), required);
        assertThat(v.state()).isEqualTo("pending");
        assertThat(v.missing()).containsExactly("ci/jenkins");
        assertThat(v.reason()).isEqualTo("not reported: ci/jenkins");
        assertThat(GitHubChecks.judge("s", List.of(run("build", "completed", "success"), run("optional", "completed",
                "failure")), List.of(status("ci/jenkins", "success")), required).passed()).isTrue();
    }

    @Test
    void theLatestStatusOfAContextCounts() {
        // GitHub lists statuses newest first
        assertThat(GitHubChecks.judge("s", List.of(), List.of(status("ci", "success"), status("ci", "failure")),
                List.of()).state()).isEqualTo("success");
        assertThat(GitHubChecks.judge("s", List.of(), List.of(status("ci", "error"), status("ci", "success")),
                List.of()).state()).isEqualTo("failure");
    }
}
