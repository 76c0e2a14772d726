package io.carapulse.tools.github;

import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.family.Arg;
import java.time.Duration;
import java.util.Map;

/**
 * {@code github.pr-checks} (READ): the checks of a pull request's head, judged as {@code pr-merge} judges
 * them ({@link GitHubChecks}): {@code GET /repos/{o}/{r}/pulls/{n}}, {@code GET
 * /repos/{o}/{r}/commits/{sha}/check-runs}, {@code GET /repos/{o}/{r}/statuses/{sha}}. Data: {@code {number,
 * head_sha, state: success|pending|failure, checks: [{name, kind: check_run|status, state, detail, url}],
 * required, failed, pending, missing}}.
 */
public final class GitHubPrChecks extends GitHubAction<GitHubPrChecks.Arguments> {

    public record Arguments(
            @Arg(value = REPO, pattern = GitHubNames.REPOSITORY, maxLength = 140) String repo,
            @Arg(value = NUMBER, min = 1, max = Integer.MAX_VALUE) int number) implements Target {
    }

    public GitHubPrChecks(GitHubRuntime runtime) {
        super(runtime, "pr-checks", ActionClass.READ,
                "The check runs and commit statuses of a pull request's head, and whether they passed",
                Arguments.class, false, Duration.ofSeconds(60));
    }

    @Override
    protected ToolResult run(GitHubCall gh, Arguments args, ToolCall call, ToolContext context) {
        GitHubApi.PullRequest p = gh.api().pull(args.number());
        GitHubChecks.Verdict verdict = GitHubChecks.of(gh.api(), p.headSha(), gh.repository().requiredChecks());
        StringBuilder out = new StringBuilder("#" + p.number() + " head " + p.headSha() + ": " + verdict.state());
        if (!verdict.passed()) {
            out.append(" (").append(verdict.reason()).append(')');
        }
        verdict.checks().forEach(c -> out.append('\n').append(c.state()).append("  ").append(c.name())
                .append(" (").append(c.detail()).append(')'));
        return gh.result(out.toString(), verdict.data().put("number", p.number()), Map.of(
                "github.pr_number", String.valueOf(p.number()), "github.head_sha", String.valueOf(p.headSha()),
                "github.checks_state", verdict.state()));
    }
}
