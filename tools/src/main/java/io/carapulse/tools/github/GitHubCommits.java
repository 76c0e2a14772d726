package io.carapulse.tools.github;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.family.Arg;
import io.carapulse.tools.family.ToolArgs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code github.commits} (READ): the recent commits of a ref ({@code GET /repos/{o}/{r}/commits?sha&per_page};
 * default the default branch), or what {@code head} has that {@code base} has not ({@code GET
 * /repos/{o}/{r}/compare/{base}...{head}}). Newest first. Data: {@code {commits: [{sha, message, author, date,
 * url}]}}, a comparison also {@code {base, head, status, ahead_by, behind_by, total_commits, url}}.
 */
public final class GitHubCommits extends GitHubAction<GitHubCommits.Arguments> {

    public record Arguments(
            @Arg(value = REPO, pattern = GitHubNames.REPOSITORY, maxLength = 140) String repo,
            @Arg(value = "the branch, tag or SHA whose history to list (default: the default branch)",
                    pattern = GitHubNames.REF, maxLength = 255) Optional<String> ref,
            @Arg(value = "compare: the older ref (with head)", pattern = GitHubNames.REF, maxLength = 255)
            Optional<String> base,
            @Arg(value = "compare: the newer ref (with base)", pattern = GitHubNames.REF, maxLength = 255)
            Optional<String> head,
            @Arg(value = "how many commits, newest first (default 20)", min = 1, max = 100) Optional<Integer> limit)
            implements Target {

        public Arguments {
            if (base.isPresent() != head.isPresent()) {
                throw ToolArgs.invalid("base and head: a comparison needs both");
            }
            if (base.isPresent() && ref.isPresent()) {
                throw ToolArgs.invalid("ref: give either ref (a history) or base and head (a comparison), not both");
            }
        }
    }

    public GitHubCommits(GitHubRuntime runtime) {
        super(runtime, "commits", ActionClass.READ,
                "Recent commits of a branch, or the commits between two refs (base...head)", Arguments.class, false,
                Duration.ofSeconds(60));
    }

    @Override
    protected ToolResult run(GitHubCall gh, Arguments args, ToolCall call, ToolContext context) {
        int limit = args.limit().orElse(20);
        ObjectNode data = GitHubRest.object();
        List<GitHubApi.Commit> commits;
        String header;
        if (args.base().isPresent()) {
            GitHubApi.Comparison c = gh.api().compare(args.base().get(), args.head().orElseThrow(), limit);
            commits = c.commits();
            data.put("base", args.base().get()).put("head", args.head().get()).put("status", c.status())
                    .put("ahead_by", c.aheadBy()).put("behind_by", c.behindBy()).put("total_commits", c.totalCommits())
                    .put("url", c.url());
            header = args.head().get() + " is " + c.aheadBy() + " ahead of and " + c.behindBy() + " behind "
                    + args.base().get() + " (" + c.status() + ")";
        } else {
            commits = gh.api().commits(args.ref().orElse(null), limit);
            header = commits.size() + " commits of " + args.ref().orElse("the default branch");
        }
        data.set("commits", GitHubData.commits(commits));
        String lines = commits.stream().map(c -> c.sha().substring(0, Math.min(12, c.sha().length())) + " "
                + firstLine(c.message())).collect(Collectors.joining("\n"));
        return gh.result(header + (lines.isEmpty() ? "" : "\n" + lines), data,
                Map.of("github.commit_count", String.valueOf(commits.size())));
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
