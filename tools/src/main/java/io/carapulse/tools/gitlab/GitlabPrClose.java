package io.carapulse.tools.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.family.Arg;
import io.carapulse.tools.family.ToolArgs;
import io.carapulse.tools.gitlab.internal.GitlabPaths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gitlab4j.api.models.MergeRequestFilter;
import org.gitlab4j.api.models.MergeRequestParams;
import org.gitlab4j.models.Constants;

/**
 * {@code gitlab.pr-close}: closes a merge request, by number or by its source branch, and optionally deletes
 * that branch: {@code PUT /projects/:id/merge_requests/:iid {state_event: close}} for each open one, then
 * {@code DELETE /projects/:id/repository/branches/:branch}. Safe to run twice (it is the inverse of
 * {@code propose-change}): a merge request already closed or merged is left as it is, a branch already gone
 * is fine. A base branch of the project is never deleted, nor a branch of another project (a fork's).
 */
public final class GitlabPrClose extends GitlabAction<GitlabPrClose.Arguments> {

    /** The arguments of {@code gitlab.pr-close}. */
    public record Arguments(
            @Arg(value = REPO, pattern = PROJECT_PATTERN) String repo,
            @Arg(value = NUMBER + "; or give head", min = 1, max = Integer.MAX_VALUE) Optional<Long> number,
            @Arg(value = "the merge request's source branch; or give number", pattern = REF_PATTERN) Optional<String> head,
            @Arg("also delete the source branch (default false)") Optional<Boolean> deleteBranch) implements OnProject {

        public Arguments {
            if (number.isPresent() == head.isPresent()) {
                throw ToolArgs.invalid("give exactly one of number and head");
            }
            head.flatMap(GitlabNames::refProblem).ifPresent(p -> {
                throw ToolArgs.invalid("head: '" + head.get() + "' " + p);
            });
        }
    }

    public GitlabPrClose(GitlabRuntime runtime) {
        super(runtime, "pr-close", ActionClass.WRITE, "Close a GitLab merge request (by number or source branch) and "
                + "optionally delete its branch; safe to run twice", Arguments.class, false, Duration.ofMinutes(2));
    }

    @Override
    protected List<String> projectTargets(GitlabInventory inventory, GitlabProject project, Arguments args) {
        if (args.head().isPresent() && project.bases().contains(args.head().get())) {
            return List.of("head: '" + args.head().get() + "' is a base branch of " + project.name()
                    + "; a base is never closed from or deleted");
        }
        return List.of();
    }

    @Override
    protected ToolResult run(GitlabCall gitlab, GitlabProject project, Arguments args, ToolCall call,
                             ToolContext context) {
        String p = gitlab.project();
        List<JsonNode> mrs = new ArrayList<>();
        if (args.number().isPresent()) {
            mrs.add(GitlabMergeRequests.get(gitlab, args.number().get()));
        } else {
            String head = args.head().orElseThrow();
            gitlab.get(GitlabPaths.query(GitlabPaths.project(p) + "/merge_requests",
                    GitlabPaths.params("state", "opened", "source_branch", head, "per_page", 100, "page", 1)), api ->
                    api.getMergeRequestApi().getMergeRequests(p, new MergeRequestFilter()
                            .withState(Constants.MergeRequestState.OPENED).withSourceBranch(head), 100).first())
                    .forEach(mrs::add);
        }
        String branch = args.head().orElse(mrs.isEmpty() ? null : mrs.get(0).path("source_branch").asText());
        boolean delete = args.deleteBranch().orElse(false) && branch != null;
        if (delete && project.bases().contains(branch)) {
            throw gitlab.refuse(ToolFailure.TARGET_NOT_ALLOWED, "'" + branch + "' is a base branch of " + project.name()
                    + "; it is never deleted (nothing was closed)");
        }
        if (delete && args.number().isPresent() && !ownBranch(mrs.get(0))) {
            throw gitlab.refuse(ToolFailure.TARGET_NOT_ALLOWED, "the source branch '" + branch + "' belongs to another "
                    + "project (a fork); it is not deleted from here (nothing was closed)");
        }
        ObjectNode data = GitlabMergeRequests.F.objectNode();
        ArrayNode closed = data.putArray("closed");
        ArrayNode untouched = data.putArray("already_closed");
        Map<String, String> ids = new LinkedHashMap<>();
        for (JsonNode mr : mrs) {
            long iid = mr.path("iid").asLong();
            if ("opened".equals(mr.path("state").asText())) {
                JsonNode after = gitlab.send("PUT", GitlabMergeRequests.path(p, iid),
                        GitlabMergeRequests.F.objectNode().put("state_event", "close"),
                        api -> api.getMergeRequestApi().updateMergeRequest(p, iid,
                                new MergeRequestParams().withStateEvent(Constants.StateEvent.CLOSE)));
                closed.add(GitlabMergeRequests.view(after));
            } else {
                untouched.add(GitlabMergeRequests.view(mr));
            }
            ids.putIfAbsent("gitlab.mr_iid", String.valueOf(iid));
            ids.putIfAbsent("gitlab.mr_url", mr.path("web_url").asText());
        }
        if (delete) {
            String b = branch;
            boolean deleted = gitlab.sendUnlessGone("DELETE", GitlabPaths.project(p) + "/repository/branches/"
                    + GitlabPaths.encode(b), null, api -> {
                        api.getRepositoryApi().deleteBranch(p, b);
                        return null;
                    }).isPresent();
            data.put("branch", b);
            data.put("branch_deleted", deleted);
            data.put("branch_was_gone", !deleted);
            ids.put("gitlab.head_branch", b);
        } else if (branch != null) {
            data.put("branch", branch);
            data.put("branch_deleted", false);
        }
        return gitlab.result(data, ids);
    }

    /** Whether the merge request's source branch lives in the project itself (not in a fork). */
    private static boolean ownBranch(JsonNode mr) {
        return mr.path("source_project_id").isMissingNode()
                || mr.path("source_project_id").asLong() == mr.path("target_project_id").asLong();
    }
}
