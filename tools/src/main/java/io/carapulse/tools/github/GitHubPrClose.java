package io.carapulse.tools.github;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.family.Arg;
import io.carapulse.tools.family.ToolArgs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code github.pr-close} (WRITE): closes a pull request, named by number or by its head branch, and with
 * {@code deleteBranch} deletes that branch; the inverse of {@code propose-change}. Idempotent, as an inverse
 * must be: a pull request already closed or merged is left as it is, a branch already gone is fine, and a
 * head branch without a pull request still has its branch deleted. A base branch of the inventory, or a
 * branch of another repository (a fork), is never deleted. {@code GET /repos/{o}/{r}/pulls/{n}} or {@code GET
 * /repos/{o}/{r}/pulls?state=all&head=<owner>:<branch>}, {@code PATCH /repos/{o}/{r}/pulls/{n}
 * {state: closed}}, {@code DELETE /repos/{o}/{r}/git/refs/heads/{branch}}.
 */
public final class GitHubPrClose extends GitHubAction<GitHubPrClose.Arguments> {

    public record Arguments(
            @Arg(value = REPO, pattern = GitHubNames.REPOSITORY, maxLength = 140) String repo,
            @Arg(value = NUMBER + " (or head)", min = 1, max = Integer.MAX_VALUE) Optional<Integer> number,
            @Arg(value = "the pull request's head branch (or number)", pattern = GitHubNames.BRANCH, maxLength = 255)
            Optional<String> head,
            @Arg("also delete the pull request's head branch") Optional<Boolean> deleteBranch) implements Target {

        public Arguments {
            if (number.isPresent() == head.isPresent()) {
                throw ToolArgs.invalid("number and head: give exactly one");
            }
            head.flatMap(GitHubNames::branchProblem).ifPresent(p -> {
                throw ToolArgs.invalid("head: " + p);
            });
        }
    }

    public GitHubPrClose(GitHubRuntime runtime) {
        super(runtime, "pr-close", ActionClass.WRITE,
                "Close a pull request (by number or head branch) and optionally delete its branch; safe to repeat",
                Arguments.class, false, Duration.ofSeconds(60));
    }

    @Override
    protected List<String> allowProblems(GitHubInventory inventory, GitHubRepository repository, Arguments args) {
        return args.head().filter(h -> repository.bases().contains(h))
                .map(h -> List.of("head: '" + h + "' is a base branch of " + repository.name() + "; pr-close never "
                        + "closes into or deletes a base")).orElse(List.of());
    }

    @Override
    protected ToolResult run(GitHubCall gh, Arguments args, ToolCall call, ToolContext context) {
        GitHubApi api = gh.api();
        Optional<GitHubApi.PullRequest> found = args.number().map(api::pull).or(() -> byHead(gh, args.head().get()));
        List<String> done = new ArrayList<>();
        Map<String, String> ids = new LinkedHashMap<>();
        ObjectNode data = GitHubRest.object();
        String branch = args.head().orElse(null);
        if (found.isPresent()) {
            GitHubApi.PullRequest p = found.get();
            branch = p.headRef();
            ids.put("github.pr_number", String.valueOf(p.number()));
            ids.put("github.pr_url", String.valueOf(p.htmlUrl()));
            data.put("number", p.number()).put("url", p.htmlUrl());
            if ("open".equals(p.state())) {
                api.close(p.number());
                done.add("closed #" + p.number());
                data.put("closed", true);
            } else {
                done.add("#" + p.number() + " was already " + (p.merged() ? "merged" : p.state()));
                data.put("closed", false);
            }
            if (args.deleteBranch().orElse(false) && p.headRepository() != null
                    && !p.headRepository().equalsIgnoreCase(gh.repository().name())) {
                throw gh.failure(ToolFailure.TARGET_NOT_ALLOWED, done.get(0) + "; its branch is in "
                        + p.headRepository() + ", not " + gh.repository().name() + ", and was not deleted", null);
            }
        } else {
            done.add("no pull request has head " + branch);
            data.putNull("number");
        }
        if (args.deleteBranch().orElse(false) && branch != null) {
            if (gh.repository().bases().contains(branch)) {
                throw gh.failure(ToolFailure.TARGET_NOT_ALLOWED, done.get(0) + "; its head '" + branch
                        + "' is a base branch and was not deleted", null);
            }
            boolean deleted = api.deleteBranch(branch);
            done.add(deleted ? "deleted branch " + branch : "branch " + branch + " was already gone");
            data.put("branch_deleted", deleted);
        }
        if (branch != null) {
            ids.put("github.head_branch", branch);
            data.put("head", branch);
        }
        return gh.result(String.join("; ", done), data, ids);
    }

    /** The open pull request with this head, else the newest one. */
    private static Optional<GitHubApi.PullRequest> byHead(GitHubCall gh, String head) {
        List<GitHubApi.PullRequest> pulls = gh.api().pulls("all", null, gh.repository().owner() + ":" + head, 10);
        return pulls.stream().filter(p -> "open".equals(p.state())).findFirst().or(() -> pulls.stream().findFirst());
    }
}
