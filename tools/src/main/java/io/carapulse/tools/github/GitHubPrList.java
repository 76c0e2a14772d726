package io.carapulse.tools.github;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.family.Arg;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code github.pr-list} (READ): the repository's pull requests, newest first. {@code GET
 * /repos/{o}/{r}/pulls?state&base&per_page}. Data: {@code {pulls: [{number, title, state, merged, url, head,
 * head_sha, base, author}]}}.
 */
public final class GitHubPrList extends GitHubAction<GitHubPrList.Arguments> {

    /** Which pull requests: GitHub's {@code state}. */
    public enum State { OPEN, CLOSED, ALL }

    public record Arguments(
            @Arg(value = REPO, pattern = GitHubNames.REPOSITORY, maxLength = 140) String repo,
            @Arg("open (default), closed or all") Optional<State> state,
            @Arg(value = "only pull requests into this base branch", pattern = GitHubNames.BRANCH, maxLength = 255)
            Optional<String> base,
            @Arg(value = "how many, newest first (default 30)", min = 1, max = 100) Optional<Integer> limit)
            implements Target {
    }

    public GitHubPrList(GitHubRuntime runtime) {
        super(runtime, "pr-list", ActionClass.READ, "List a repository's pull requests, newest first",
                Arguments.class, false, Duration.ofSeconds(60));
    }

    @Override
    protected ToolResult run(GitHubCall gh, Arguments args, ToolCall call, ToolContext context) {
        String state = args.state().orElse(State.OPEN).name().toLowerCase(java.util.Locale.ROOT);
        List<GitHubApi.PullRequest> pulls = gh.api().pulls(state, args.base().orElse(null), null,
                args.limit().orElse(30));
        ObjectNode data = GitHubRest.object();
        ArrayNode list = data.putArray("pulls");
        pulls.forEach(p -> list.add(GitHubData.pull(p, false)));
        String output = pulls.isEmpty() ? "no " + state + " pull requests"
                : pulls.stream().map(GitHubData::line).collect(Collectors.joining("\n"));
        return gh.result(output, data, Map.of("github.pr_count", String.valueOf(pulls.size())));
    }
}
