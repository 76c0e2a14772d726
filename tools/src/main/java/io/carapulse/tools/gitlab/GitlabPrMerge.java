package io.carapulse.tools.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.family.Arg;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.gitlab4j.api.models.AcceptMergeRequestParams;

/**
 * {@code gitlab.pr-merge}: merges a merge request into one of the project's bases, only when its checks
 * passed: its head pipeline ran on its head SHA and succeeded, and every job the project's
 * {@code required-checks} names succeeded ({@code precondition_failed} otherwise, nothing merged). The merge
 * names the head SHA it checked ({@code PUT /projects/:id/merge_requests/:iid/merge {sha, squash}}), so a
 * push after the check makes GitLab refuse it (409, {@code conflict}); 405/406/422 (not mergeable, conflicts)
 * are {@code conflict} too. The method is the project's first {@code merge-method} unless the step names
 * another one it lists. Evidence: the merge (or squash) commit SHA. Not reversible.
 */
public final class GitlabPrMerge extends GitlabAction<GitlabPrMerge.Arguments> {

    /** The arguments of {@code gitlab.pr-merge}. */
    public record Arguments(
            @Arg(value = REPO, pattern = PROJECT_PATTERN) String repo,
            @Arg(value = NUMBER, min = 1, max = Integer.MAX_VALUE) long number,
            @Arg("merge (a merge commit) or squash (one commit); default: the project's merge-method")
            Optional<GitlabProject.MergeMethod> method) implements OnProject {
    }

    public GitlabPrMerge(GitlabRuntime runtime) {
        super(runtime, "pr-merge", ActionClass.WRITE, "Merge a GitLab merge request into an allowed base once its "
                + "head pipeline and required checks passed", Arguments.class, false, Duration.ofMinutes(5));
    }

    @Override
    protected List<String> projectTargets(GitlabInventory inventory, GitlabProject project, Arguments args) {
        if (args.method().isPresent() && !project.mergeMethods().contains(args.method().get())) {
            return List.of("method: " + name(args.method().get()) + " is not a merge method of " + project.name()
                    + " (merge-method: " + project.mergeMethods().stream().map(GitlabPrMerge::name).toList() + ")");
        }
        return List.of();
    }

    private static String name(GitlabProject.MergeMethod m) {
        return m.name().toLowerCase(Locale.ROOT);
    }

    @Override
    protected ToolResult run(GitlabCall gitlab, GitlabProject project, Arguments args, ToolCall call,
                             ToolContext context) {
        JsonNode mr = GitlabMergeRequests.get(gitlab, args.number());
        String target = mr.path("target_branch").asText();
        if (!project.bases().contains(target)) {
            throw gitlab.refuse(ToolFailure.TARGET_NOT_ALLOWED, "!" + args.number() + " merges into '" + target
                    + "', which is not a base of " + project.name() + " (bases: " + project.bases() + ")");
        }
        if (!"opened".equals(mr.path("state").asText())) {
            throw gitlab.refuse(ToolFailure.CONFLICT, "!" + args.number() + " is " + mr.path("state").asText()
                    + ", not open; nothing was merged");
        }
        GitlabMergeRequests.Checks checks = GitlabMergeRequests.checks(gitlab, project, mr);
        if (!checks.passed()) {
            throw gitlab.refuse(ToolFailure.PRECONDITION_FAILED, "!" + args.number() + " was not merged: "
                    + String.join("; ", checks.reasons()));
        }
        GitlabProject.MergeMethod method = args.method().orElse(project.defaultMergeMethod());
        boolean squash = method == GitlabProject.MergeMethod.SQUASH;
        String sha = mr.path("sha").asText();
        JsonNode merged = gitlab.send("PUT", GitlabMergeRequests.path(gitlab.project(), args.number()) + "/merge",
                GitlabMergeRequests.F.objectNode().put("sha", sha).put("squash", squash),
                api -> api.getMergeRequestApi().acceptMergeRequest(gitlab.project(), args.number(),
                        new AcceptMergeRequestParams().withSha(sha).withSquash(squash)));
        if (!"merged".equals(merged.path("state").asText())) {
            throw gitlab.refuse(ToolFailure.CONFLICT, "GitLab did not merge !" + args.number() + " (it is "
                    + merged.path("state").asText("in an unknown state") + ")");
        }
        String commit = firstText(merged, "merge_commit_sha", "squash_commit_sha", "sha");
        ObjectNode data = GitlabMergeRequests.view(merged);
        data.put("merge_method", name(method));
        data.put("merged_sha", commit);
        Map<String, String> ids = new LinkedHashMap<>(GitlabMergeRequests.ids(merged));
        ids.put("gitlab.merge_commit_sha", commit);
        ids.put("gitlab.merge_method", name(method));
        ids.put("gitlab.pipeline_id", checks.pipeline().path("id").asText());
        return gitlab.result(data, ids);
    }

    /** The first of {@code names} that is a non-blank text: a fast-forward merge has no merge commit. */
    private static String firstText(JsonNode node, String... names) {
        for (String n : names) {
            if (node.path(n).isTextual() && !node.path(n).asText().isBlank()) {
                return node.path(n).asText();
            }
        }
        return "";
    }
}
