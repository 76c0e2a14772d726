package io.carapulse.tools.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.family.Arg;
import io.carapulse.tools.gitlab.internal.GitlabPaths;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.gitlab4j.api.models.MergeRequestFilter;
import org.gitlab4j.models.Constants;

/**
 * {@code gitlab.pr-list}: the project's merge requests, newest first, optionally by state and target
 * branch ({@code GET /projects/:id/merge_requests?state=…&target_branch=…&per_page=…}).
 */
public final class GitlabPrList extends GitlabAction<GitlabPrList.Arguments> {

    /** Which merge requests: {@code open} is GitLab's {@code opened}. */
    public enum State {
        OPEN("opened"), CLOSED("closed"), MERGED("merged"), ALL("all");

        private final String gitlab;

        State(String gitlab) {
            this.gitlab = gitlab;
        }

        String gitlab() {
            return gitlab;
        }
    }

    /** The arguments of {@code gitlab.pr-list}. */
    public record Arguments(
            @Arg(value = REPO, pattern = PROJECT_PATTERN) String repo,
            @Arg("open (default), closed, merged or all") Optional<State> state,
            @Arg(value = "only merge requests into this branch", pattern = REF_PATTERN) Optional<String> base,
            @Arg(value = "at most this many (default 20)", min = 1, max = 100) Optional<Integer> limit)
            implements OnProject {
    }

    public GitlabPrList(GitlabRuntime runtime) {
        super(runtime, "pr-list", ActionClass.READ, "List a GitLab project's merge requests, newest first, by state "
                + "and target branch", Arguments.class, false, Duration.ofMinutes(1));
    }

    @Override
    protected ToolResult run(GitlabCall gitlab, GitlabProject project, Arguments args, ToolCall call,
                             ToolContext context) {
        State state = args.state().orElse(State.OPEN);
        int limit = args.limit().orElse(20);
        String path = GitlabPaths.query(GitlabPaths.project(gitlab.project()) + "/merge_requests",
                GitlabPaths.params("state", state.gitlab(), "target_branch", args.base().orElse(null),
                        "order_by", "created_at", "sort", "desc", "per_page", limit, "page", 1));
        JsonNode list = gitlab.get(path, api -> {
            MergeRequestFilter filter = new MergeRequestFilter()
                    .withState(Constants.MergeRequestState.forValue(state.gitlab()))
                    .withOrderBy(Constants.MergeRequestOrderBy.CREATED_AT).withSort(Constants.SortOrder.DESC);
            args.base().ifPresent(filter::withTargetBranch);
            return api.getMergeRequestApi().getMergeRequests(gitlab.project(), filter, limit).first();
        });
        ObjectNode data = GitlabMergeRequests.F.objectNode();
        ArrayNode mrs = data.putArray("merge_requests");
        list.forEach(mr -> mrs.add(GitlabMergeRequests.view(mr)));
        data.put("count", mrs.size());
        return gitlab.result(data, Map.of());
    }
}
