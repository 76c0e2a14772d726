package io.carapulse.tools.github;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.family.Arg;
import java.time.Duration;
import java.util.Map;

/**
 * {@code github.pr-get} (READ): one pull request. {@code GET /repos/{o}/{r}/pulls/{n}}. Data: {@code {number,
 * title, state, merged, draft, mergeable, mergeable_state, url, head, head_sha, head_repository, base, author,
 * merge_commit_sha, body}}.
 */
public final class GitHubPrGet extends GitHubAction<GitHubPrGet.Arguments> {

    public record Arguments(
            @Arg(value = REPO, pattern = GitHubNames.REPOSITORY, maxLength = 140) String repo,
            @Arg(value = NUMBER, min = 1, max = Integer.MAX_VALUE) int number) implements Target {
    }

    public GitHubPrGet(GitHubRuntime runtime) {
        super(runtime, "pr-get", ActionClass.READ, "Read a pull request: state, head and base, mergeability, body",
                Arguments.class, false, Duration.ofSeconds(60));
    }

    @Override
    protected ToolResult run(GitHubCall gh, Arguments args, ToolCall call, ToolContext context) {
        GitHubApi.PullRequest p = gh.api().pull(args.number());
        ObjectNode data = GitHubData.pull(p, true);
        return gh.result(GitHubData.line(p), data, Map.of("github.pr_number", String.valueOf(p.number()),
                "github.pr_url", String.valueOf(p.htmlUrl()), "github.head_sha", String.valueOf(p.headSha())));
    }
}
