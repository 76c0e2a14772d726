package io.carapulse.tools.gitlab;

import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.family.Arg;
import java.time.Duration;

/**
 * {@code gitlab.pr-get}: one merge request's title, state, branches, head SHA, merge status and head
 * pipeline ({@code GET /projects/:id/merge_requests/:iid}).
 */
public final class GitlabPrGet extends GitlabAction<GitlabPrGet.Arguments> {

    /** The arguments of {@code gitlab.pr-get}. */
    public record Arguments(
            @Arg(value = REPO, pattern = PROJECT_PATTERN) String repo,
            @Arg(value = NUMBER, min = 1, max = Integer.MAX_VALUE) long number) implements OnProject {
    }

    public GitlabPrGet(GitlabRuntime runtime) {
        super(runtime, "pr-get", ActionClass.READ, "Show a GitLab merge request: title, state, source and target "
                + "branches, head SHA, merge status and head pipeline", Arguments.class, false, Duration.ofMinutes(1));
    }

    @Override
    protected ToolResult run(GitlabCall gitlab, GitlabProject project, Arguments args, ToolCall call,
                             ToolContext context) {
        var mr = GitlabMergeRequests.get(gitlab, args.number());
        return gitlab.result(GitlabMergeRequests.view(mr), GitlabMergeRequests.ids(mr));
    }
}
