package io.carapulse.tools.github;

import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolAdapter;
import io.carapulse.api.tool.Transport;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;

/**
 * GitHub through {@code gh api} (the {@code gh} CLI), with GitHub API for Java as the fallback: pull requests,
 * checks, files and commits of the environment's repositories; changes proposed as pull requests whose diff
 * is approved with the plan; comments, merges, workflow runs. See {@code docs/tools/github.md}.
 */
@Singleton
public class GitHubAdapter implements ToolAdapter {

    private final GitHubRuntime runtime;
    private final List<ToolAction> actions;

    public GitHubAdapter(GitHubRuntime runtime) {
        this.runtime = runtime;
        this.actions = List.of(new GitHubPrGet(runtime), new GitHubPrList(runtime), new GitHubPrChecks(runtime),
                new GitHubFileGet(runtime), new GitHubCommits(runtime), new GitHubProposeChange(runtime),
                new GitHubPrComment(runtime), new GitHubPrMerge(runtime), new GitHubWorkflowDispatch(runtime),
                new GitHubPrClose(runtime));
    }

    @Override
    public String name() {
        return GitHubRuntime.TOOL;
    }

    @Override
    public String description() {
        return "GitHub: pull requests, checks, files and commits of the environment's repositories; changes proposed "
                + "as pull requests with the diff in the approval; comments, merges after checks, workflow runs";
    }

    @Override
    public List<ToolAction> actions() {
        return actions;
    }

    @Override
    public Set<Transport> availableTransports() {
        return runtime.selector().available(GitHubRuntime.TOOL, GitHubRuntime.BINARY);
    }
}
