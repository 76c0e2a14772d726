package io.carapulse.tools.github;

import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.family.Arg;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code github.pr-merge} (WRITE, not reversible): merges an open pull request into one of the repository's
 * bases, only when its checks passed ({@link GitHubChecks}: the repository's {@code required-checks}, else
 * every check of the head, at least one): {@code GET /repos/{o}/{r}/pulls/{n}}, the checks of its head, then
 * {@code PUT /repos/{o}/{r}/pulls/{n}/merge {sha: <head read>, merge_method}}, so a head that moved in between
 * is refused by GitHub (409). The method is the repository's {@code merge-method} unless the step names one
 * of the methods it lists. Evidence: {@code github.merge_commit_sha}.
 */
public final class GitHubPrMerge extends GitHubAction<GitHubPrMerge.Arguments> {

    public record Arguments(
            @Arg(value = REPO, pattern = GitHubNames.REPOSITORY, maxLength = 140) String repo,
            @Arg(value = NUMBER, min = 1, max = Integer.MAX_VALUE) int number,
            @Arg("merge, squash or rebase (default: the repository's merge-method)") Optional<MergeMethod> method)
            implements Target {
    }

    public GitHubPrMerge(GitHubRuntime runtime) {
        super(runtime, "pr-merge", ActionClass.WRITE,
                "Merge a pull request whose checks passed, with the repository's merge method", Arguments.class, false,
                Duration.ofSeconds(120));
    }

    @Override
    protected List<String> allowProblems(GitHubInventory inventory, GitHubRepository repository, Arguments args) {
        return args.method().filter(m -> !repository.mergeMethods().contains(m))
                .map(m -> List.of("method: '" + m.wire() + "' is not a merge method of " + repository.name()
                        + " (github merge-method: " + repository.mergeMethods().stream().map(MergeMethod::wire).toList() + ")"))
                .orElse(List.of());
    }

    @Override
    protected ToolResult run(GitHubCall gh, Arguments args, ToolCall call, ToolContext context) {
        GitHubApi.PullRequest p = gh.api().pull(args.number());
        if (!gh.repository().bases().contains(p.baseRef())) {
            throw gh.failure(ToolFailure.TARGET_NOT_ALLOWED, "#" + p.number() + " targets '" + p.baseRef()
                    + "', which is not a base of " + gh.repository().name() + " (bases: " + gh.repository().bases() + ")", null);
        }
        if (p.merged()) {
            throw gh.failure(ToolFailure.CONFLICT, "#" + p.number() + " is already merged", null);
        }
        if (!"open".equals(p.state())) {
            throw gh.failure(ToolFailure.CONFLICT, "#" + p.number() + " is " + p.state() + ", not open", null);
        }
        GitHubChecks.Verdict verdict = GitHubChecks.of(gh.api(), p.headSha(), gh.repository().requiredChecks());
        if (!verdict.passed()) {
            throw gh.failure(ToolFailure.PRECONDITION_FAILED, "#" + p.number() + " was not merged: its checks are "
                    + verdict.state() + " (" + verdict.reason() + ")", null);
        }
        MergeMethod method = args.method().orElse(gh.repository().mergeMethod());
        GitHubApi.Merge merge = gh.api().merge(p.number(), p.headSha(), method);
        if (!merge.merged() || merge.sha() == null) {
            throw gh.failure(ToolFailure.CONFLICT, "#" + p.number() + " was not merged"
                    + (merge.message() == null ? "" : ": " + merge.message()), null);
        }
        return gh.result("merged #" + p.number() + " into " + p.baseRef() + " (" + method.wire() + "): " + merge.sha(),
                GitHubRest.object().put("number", p.number()).put("method", method.wire()).put("base", p.baseRef())
                        .put("head_sha", p.headSha()).put("merge_commit_sha", merge.sha()).put("url", p.htmlUrl()),
                Map.of("github.pr_number", String.valueOf(p.number()), "github.pr_url", String.valueOf(p.htmlUrl()),
                        "github.head_sha", p.headSha(), "github.merge_commit_sha", merge.sha(),
                        "github.merge_method", method.wire()));
    }
}
