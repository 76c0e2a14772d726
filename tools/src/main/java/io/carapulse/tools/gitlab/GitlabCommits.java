package io.carapulse.tools.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.family.Arg;
import io.carapulse.tools.family.ToolArgs;
import io.carapulse.tools.gitlab.internal.GitlabPaths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code gitlab.commits}: the recent commits of a branch ({@code GET /projects/:id/repository/commits?ref_name=}),
 * or what {@code head} has that {@code base} has not ({@code GET /projects/:id/repository/compare?from=&to=}:
 * its commits and the files it changes).
 */
public final class GitlabCommits extends GitlabAction<GitlabCommits.Arguments> {

    /** The arguments of {@code gitlab.commits}. */
    public record Arguments(
            @Arg(value = REPO, pattern = PROJECT_PATTERN) String repo,
            @Arg(value = "the branch, tag or SHA whose recent commits to list (default: the project's first base); "
                    + "not with base/head", pattern = REF_PATTERN) Optional<String> ref,
            @Arg(value = "compare: the older side (a branch, tag or SHA), with head", pattern = REF_PATTERN)
            Optional<String> base,
            @Arg(value = "compare: the newer side, with base", pattern = REF_PATTERN) Optional<String> head,
            @Arg(value = "at most this many commits (default 20)", min = 1, max = 100) Optional<Integer> limit)
            implements OnProject {

        public Arguments {
            if (ref.isPresent() && (base.isPresent() || head.isPresent())) {
                throw ToolArgs.invalid("give ref, or base and head, not both");
            }
            if (base.isPresent() != head.isPresent()) {
                throw ToolArgs.invalid("base and head go together (compare head with base)");
            }
            for (Optional<String> r : List.of(ref, base, head)) {
                r.flatMap(GitlabNames::refProblem).ifPresent(p -> {
                    throw ToolArgs.invalid("'" + r.get() + "' " + p);
                });
            }
        }
    }

    public GitlabCommits(GitlabRuntime runtime) {
        super(runtime, "commits", ActionClass.READ, "List a GitLab branch's recent commits, or compare two refs "
                + "(commits and changed files)", Arguments.class, false, Duration.ofMinutes(1));
    }

    @Override
    protected ToolResult run(GitlabCall gitlab, GitlabProject project, Arguments args, ToolCall call,
                             ToolContext context) {
        int limit = args.limit().orElse(20);
        String p = gitlab.project();
        ObjectNode data = GitlabMergeRequests.F.objectNode();
        if (args.base().isPresent()) {
            String base = args.base().get();
            String head = args.head().orElseThrow();
            JsonNode compare = gitlab.get(GitlabPaths.query(GitlabPaths.project(p) + "/repository/compare",
                    GitlabPaths.params("from", base, "to", head)), api -> api.getRepositoryApi().compare(p, base, head));
            data.put("base", base);
            data.put("head", head);
            List<JsonNode> commits = new ArrayList<>();
            compare.path("commits").forEach(commits::add);
            data.put("total_commits", commits.size());
            ArrayNode list = data.putArray("commits");
            commits.subList(Math.max(0, commits.size() - limit), commits.size()).forEach(c -> list.add(commit(c)));
            ArrayNode files = data.putArray("files");
            compare.path("diffs").forEach(d -> files.add(GitlabMergeRequests.F.objectNode()
                    .put("old_path", d.path("old_path").asText()).put("new_path", d.path("new_path").asText())
                    .put("new_file", d.path("new_file").asBoolean()).put("renamed_file", d.path("renamed_file").asBoolean())
                    .put("deleted_file", d.path("deleted_file").asBoolean())));
            return gitlab.result(data, Map.of("gitlab.base", base, "gitlab.head", head));
        }
        String ref = args.ref().orElse(project.bases().get(0));
        JsonNode commits = gitlab.get(GitlabPaths.query(GitlabPaths.project(p) + "/repository/commits",
                GitlabPaths.params("ref_name", ref, "per_page", limit, "page", 1)),
                api -> api.getCommitsApi().getCommits(p, ref, null, null, null, 1, limit));
        data.put("ref", ref);
        ArrayNode list = data.putArray("commits");
        commits.forEach(c -> list.add(commit(c)));
        return gitlab.result(data, commits.isEmpty() ? Map.of("gitlab.ref", ref)
                : Map.of("gitlab.ref", ref, "gitlab.commit_sha", commits.get(0).path("id").asText()));
    }

    private static ObjectNode commit(JsonNode c) {
        return GitlabMergeRequests.F.objectNode().put("id", c.path("id").asText())
                .put("short_id", c.path("short_id").asText()).put("title", c.path("title").asText())
                .put("author_name", c.path("author_name").asText()).put("created_at", c.path("created_at").asText())
                .put("web_url", c.path("web_url").asText());
    }
}
