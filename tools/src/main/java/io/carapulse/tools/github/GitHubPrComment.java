package io.carapulse.tools.github;

import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.family.Arg;
import java.time.Duration;
import java.util.Map;

/**
 * {@code github.pr-comment} (WRITE, not reversible): comments on a pull request. {@code POST
 * /repos/{o}/{r}/issues/{n}/comments}. The body is free text (it travels in the request body, never in argv).
 * Evidence: {@code github.comment_id}, {@code github.comment_url}.
 */
public final class GitHubPrComment extends GitHubAction<GitHubPrComment.Arguments> {

    public record Arguments(
            @Arg(value = REPO, pattern = GitHubNames.REPOSITORY, maxLength = 140) String repo,
            @Arg(value = NUMBER, min = 1, max = Integer.MAX_VALUE) int number,
            @Arg(value = "the comment, Markdown", maxLength = 65536) String body) implements Target {

        public Arguments {
            if (body.isBlank()) {
                throw io.carapulse.tools.family.ToolArgs.invalid("body: must not be empty");
            }
        }
    }

    public GitHubPrComment(GitHubRuntime runtime) {
        super(runtime, "pr-comment", ActionClass.WRITE, "Comment on a pull request", Arguments.class, false,
                Duration.ofSeconds(60));
    }

    @Override
    protected ToolResult run(GitHubCall gh, Arguments args, ToolCall call, ToolContext context) {
        GitHubApi.Comment c = gh.api().comment(args.number(), args.body());
        return gh.result("commented on #" + args.number() + ": " + c.htmlUrl(), GitHubRest.object()
                .put("number", args.number()).put("comment_id", c.id()).put("url", c.htmlUrl()), Map.of(
                "github.pr_number", String.valueOf(args.number()), "github.comment_id", String.valueOf(c.id()),
                "github.comment_url", String.valueOf(c.htmlUrl())));
    }
}
