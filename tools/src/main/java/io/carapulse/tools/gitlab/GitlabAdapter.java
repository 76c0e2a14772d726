package io.carapulse.tools.gitlab;

import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolAdapter;
import io.carapulse.api.tool.Transport;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;

/**
 * GitLab through {@code glab api} (REST, {@code -R <project>}, the token only in the lease), with
 * gitlab4j-api as the fallback: merge requests (read, comment, merge, close), files and commits, CI/CD
 * pipelines, and changes proposed as merge requests whose diff is approved with the plan. Projects, bases,
 * paths and pipeline refs come from the environment's inventory (S6). See {@code docs/tools/gitlab.md}.
 */
@Singleton
public class GitlabAdapter implements ToolAdapter {

    private final GitlabRuntime runtime;
    private final List<ToolAction> actions;

    public GitlabAdapter(GitlabRuntime runtime) {
        this.runtime = runtime;
        this.actions = List.of(new GitlabPrGet(runtime), new GitlabPrList(runtime), new GitlabPrChecks(runtime),
                new GitlabFileGet(runtime), new GitlabCommits(runtime), new GitlabProposeChange(runtime),
                new GitlabPrComment(runtime), new GitlabPrMerge(runtime), new GitlabPipelineRun(runtime),
                new GitlabPrClose(runtime));
    }

    @Override
    public String name() {
        return GitlabRuntime.TOOL;
    }

    @Override
    public String description() {
        return "GitLab: merge requests, their pipelines and checks, files and commits of the environment's projects; "
                + "changes proposed as merge requests (the diff is approved), comments, merges, pipeline runs, closing";
    }

    @Override
    public List<ToolAction> actions() {
        return actions;
    }

    @Override
    public Set<Transport> availableTransports() {
        return runtime.selector().available(GitlabRuntime.TOOL, GitlabRuntime.BINARY);
    }
}
