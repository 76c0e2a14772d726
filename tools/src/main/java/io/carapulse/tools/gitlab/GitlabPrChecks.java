package io.carapulse.tools.gitlab;

import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.family.Arg;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code gitlab.pr-checks}: a merge request's head pipeline and its jobs, and whether they pass what
 * {@code pr-merge} needs: the pipeline ran on the head and succeeded, and every job the project's
 * {@code required-checks} names succeeded ({@code GET merge_requests/:iid}, then
 * {@code GET pipelines/:id/jobs}). Verify steps assert on {@code /passed}.
 */
public final class GitlabPrChecks extends GitlabAction<GitlabPrChecks.Arguments> {

    /** The arguments of {@code gitlab.pr-checks}. */
    public record Arguments(
            @Arg(value = REPO, pattern = PROJECT_PATTERN) String repo,
            @Arg(value = NUMBER, min = 1, max = Integer.MAX_VALUE) long number) implements OnProject {
    }

    public GitlabPrChecks(GitlabRuntime runtime) {
        super(runtime, "pr-checks", ActionClass.READ, "Show a GitLab merge request's head pipeline and jobs, and "
                + "whether the checks a merge needs passed", Arguments.class, false, Duration.ofMinutes(1));
    }

    @Override
    protected ToolResult run(GitlabCall gitlab, GitlabProject project, Arguments args, ToolCall call,
                             ToolContext context) {
        var mr = GitlabMergeRequests.get(gitlab, args.number());
        GitlabMergeRequests.Checks checks = GitlabMergeRequests.checks(gitlab, project, mr);
        Map<String, String> ids = new LinkedHashMap<>(GitlabMergeRequests.ids(mr));
        if (checks.pipeline() != null) {
            ids.put("gitlab.pipeline_id", checks.pipeline().path("id").asText());
        }
        return gitlab.result(checks.data(mr), ids);
    }
}
