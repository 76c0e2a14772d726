package io.carapulse.tools.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.StepPreview;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.family.Arg;
import io.carapulse.tools.family.ToolArgs;
import io.carapulse.tools.git.ChangeEdits;
import io.carapulse.tools.git.ChangeLimits;
import io.carapulse.tools.git.FileChange;
import io.carapulse.tools.git.PreparedChange;
import io.carapulse.tools.gitlab.internal.GitlabPaths;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gitlab4j.api.models.CommitAction;
import org.gitlab4j.api.models.CommitPayload;
import org.gitlab4j.api.models.MergeRequestParams;
import org.gitlab4j.models.Constants;

/**
 * {@code gitlab.propose-change}: from an allowed base, one new branch with ONE commit of the step's edits
 * (files or a patch, only under the project's {@code paths}), and a merge request with the step's title and
 * a description naming the plan, the requester and the approver. <b>The diff is what is approved</b>: when the
 * plan is made, {@link #preview} reads the base's head ({@code GET …/repository/branches/:base}) and each path
 * there ({@link GitlabFiles}: symlinks, submodules, directories, binary and too-large files refused) and
 * returns the unified diff; when the step runs it reads them again at the base's current head and refuses
 * with {@code precondition_failed}, before anything is pushed, if a file's blob moved or the diff would differ.
 * Then: {@code GET …/branches/:branch} (an existing branch is {@code conflict}, nothing done),
 * {@code POST …/repository/commits {branch, start_sha, actions}}, {@code POST …/merge_requests}. Reversible:
 * the inverse, known before the step runs, is {@code pr-close {head: <branch>, deleteBranch: true}}.
 */
public final class GitlabProposeChange extends GitlabAction<GitlabProposeChange.Arguments> {

    /** The widest limits any environment may set; an environment's own are applied in {@link #targets}. */
    private static final ChangeLimits WIDEST = ChangeLimits.DEFAULT.withMaxFileBytes(GitlabInventoryValidation.MAX_FILE_BYTES);

    /** The arguments of {@code gitlab.propose-change}. */
    public record Arguments(
            @Arg(value = REPO, pattern = PROJECT_PATTERN) String repo,
            @Arg(value = "the branch to change, one of the project's bases", pattern = REF_PATTERN) String base,
            @Arg(value = "the merge request's title (one line)", pattern = "[^\\x00-\\x1f\\x7f\\u0085\\u2028\\u2029]{1,255}")
            String title,
            @Arg(value = "the merge request's description, Markdown; the plan, requester and approver are added",
                    maxLength = 20_000) Optional<String> body,
            @Arg(value = "the edits: path -> the file's whole new content (text); or give patch", maxItems = 50,
                    maxLength = GitlabInventoryValidation.MAX_FILE_BYTES) Optional<Map<String, String>> files,
            @Arg(value = "the edits as one unified diff in git's format (may create and delete files); or give files",
                    maxLength = 2_097_152) Optional<String> patch,
            @Arg(value = "the new branch (default carapulse/<execution>-<step>); must not exist", pattern = REF_PATTERN)
            Optional<String> branch,
            @Arg("open the merge request as a draft (default false)") Optional<Boolean> draft) implements OnProject {

        public Arguments {
            ChangeEdits.parse(files, patch, WIDEST); // what the arguments alone can tell, at plan time
            branch.flatMap(GitlabNames::refProblem).ifPresent(p -> {
                throw ToolArgs.invalid("branch: '" + branch.get() + "' " + p);
            });
            GitlabNames.refProblem(base).ifPresent(p -> {
                throw ToolArgs.invalid("base: '" + base + "' " + p);
            });
        }

        ChangeEdits edits(ChangeLimits limits) {
            return ChangeEdits.parse(files, patch, limits);
        }
    }

    public GitlabProposeChange(GitlabRuntime runtime) {
        super(runtime, "propose-change", ActionClass.WRITE, "Propose file changes in a GitLab project as a merge "
                + "request: one branch, one commit, the diff approved with the plan", Arguments.class, true,
                Duration.ofMinutes(5));
    }

    private ChangeLimits limits(String environment) {
        return ChangeLimits.DEFAULT.withMaxFileBytes(runtime.checkedInventory(environment).maxFileBytes());
    }

    @Override
    protected List<String> projectTargets(GitlabInventory inventory, GitlabProject project, Arguments args) {
        List<String> problems = new ArrayList<>();
        if (!project.bases().contains(args.base())) {
            problems.add("base: '" + args.base() + "' is not a base branch of " + project.name() + " (bases: "
                    + project.bases() + ")");
        }
        args.branch().filter(b -> project.bases().contains(b) || b.equals(args.base())).ifPresent(b ->
                problems.add("branch: '" + b + "' is a base branch of " + project.name() + "; a change is always "
                        + "proposed on a new branch"));
        String argument = args.files().isPresent() ? "files" : "patch";
        if (project.paths().isEmpty()) {
            problems.add(argument + ": " + project.name() + " declares no paths changes may write "
                    + "(gitlab.repositories[].paths)");
            return problems;
        }
        problems.addAll(args.edits(WIDEST).pathProblems(project.paths()));
        return problems;
    }

    /**
     * The arguments' edits under the environment's size limit ({@code invalid_arguments} over it), refused as
     * {@link #execute} refuses them when a target is outside the inventory.
     */
    private ChangeEdits checkedEdits(ToolCall call, Arguments args) {
        List<String> problems = targetProblems(call);
        if (!problems.isEmpty()) {
            throw new ToolException(ToolFailure.TARGET_NOT_ALLOWED, String.join("; ", problems), null);
        }
        return args.edits(limits(call.environment()));
    }

    @Override
    public Optional<StepPreview> preview(ToolCall call, ToolContext context) {
        Arguments args = arguments(call);
        ChangeEdits edits = checkedEdits(call, args);
        try (GitlabCall gitlab = readNow(call, context, args)) {
            String head = baseHead(gitlab, args.base());
            return Optional.of(PreparedChange.prepare(args.repo(), args.base(), head, edits, limits(call.environment()),
                    GitlabFiles.reader(gitlab, head, gitlab.inventory().maxFileBytes(), edits.argument(), false))
                    .preview());
        }
    }

    @Override
    protected Optional<ToolCall> inverse(Arguments args, ToolCall call, ToolContext context) {
        String branch = ChangeText.branch(args.branch(), call, context);
        return Optional.of(other(call, "pr-close", GitlabPrClose.Arguments.class, new GitlabPrClose.Arguments(
                args.repo(), Optional.empty(), Optional.of(branch), Optional.of(true))));
    }

    /** The commit the base branch points at now. */
    private static String baseHead(GitlabCall gitlab, String base) {
        JsonNode branch = gitlab.find(GitlabPaths.project(gitlab.project()) + "/repository/branches/"
                        + GitlabPaths.encode(base), api -> api.getRepositoryApi().getBranch(gitlab.project(), base))
                .orElseThrow(() -> gitlab.refuse(ToolFailure.NOT_FOUND, "the base branch '" + base + "' does not exist"));
        String sha = branch.path("commit").path("id").asText("");
        if (!sha.matches("[0-9a-f]{40}|[0-9a-f]{64}")) {
            throw gitlab.refuse(ToolFailure.TOOL_FAILED, "GitLab named no commit for branch '" + base + "'");
        }
        return sha;
    }

    @Override
    protected ToolResult run(GitlabCall gitlab, GitlabProject project, Arguments args, ToolCall call,
                             ToolContext context) {
        String p = gitlab.project();
        ChangeLimits limits = limits(call.environment());
        ChangeEdits edits = args.edits(limits);
        String branch = ChangeText.branch(args.branch(), call, context);
        if (project.bases().contains(branch)) {
            throw gitlab.refuse(ToolFailure.TARGET_NOT_ALLOWED, "the branch '" + branch + "' is a base of " + p);
        }
        String head = baseHead(gitlab, args.base());
        PreparedChange change = PreparedChange.approved(context.preview(), args.repo(), args.base(), head, edits, limits,
                GitlabFiles.reader(gitlab, head, limits.maxFileBytes(), edits.argument(), true));
        String branchPath = GitlabPaths.project(p) + "/repository/branches/" + GitlabPaths.encode(branch);
        if (gitlab.find(branchPath, api -> api.getRepositoryApi().getBranch(p, branch)).isPresent()) {
            throw gitlab.refuse(ToolFailure.CONFLICT, "the branch '" + branch + "' already exists; nothing was pushed");
        }
        String diffSha = change.preview().diffSha256();
        String message = ChangeText.commitMessage(args.title(), context.origin());
        JsonNode commit = gitlab.send("POST", GitlabPaths.project(p) + "/repository/commits",
                commitBody(branch, head, message, change), api -> api.getCommitsApi().createCommit(p,
                        commitPayload(branch, head, message, change)));
        String title = args.draft().orElse(false) ? "Draft: " + args.title() : args.title();
        String description = ChangeText.description(args.body(), context, runtime.publicUrl(), diffSha);
        JsonNode mr;
        try {
            mr = gitlab.send("POST", GitlabPaths.project(p) + "/merge_requests", GitlabMergeRequests.F.objectNode()
                    .put("source_branch", branch).put("target_branch", args.base()).put("title", title)
                    .put("description", description).put("remove_source_branch", true), api -> api
                    .getMergeRequestApi().createMergeRequest(p, new MergeRequestParams().withSourceBranch(branch)
                            .withTargetBranch(args.base()).withTitle(title).withDescription(description)
                            .withRemoveSourceBranch(true)));
        } catch (RuntimeException e) {
            throw cleanedUp(gitlab, branchPath, branch, e);
        }
        ObjectNode data = GitlabMergeRequests.view(mr);
        data.put("branch", branch);
        data.put("commit_sha", commit.path("id").asText());
        data.put("base_sha", head);
        data.put("diff_sha256", diffSha);
        ArrayNode files = data.putArray("files");
        change.files().forEach(f -> files.addObject().put("path", f.path()).put("action", action(f)));
        Map<String, String> ids = new LinkedHashMap<>(GitlabMergeRequests.ids(mr));
        ids.put("gitlab.head_branch", branch);
        ids.put("gitlab.commit_sha", commit.path("id").asText());
        ids.put("gitlab.base_sha", head);
        ids.put("diff.sha256", diffSha);
        return gitlab.result(data, ids);
    }

    /**
     * The merge request could not be opened after the commit was pushed: the branch is deleted (best effort)
     * so no stray branch is left, and the failure is thrown on, saying so.
     */
    private static RuntimeException cleanedUp(GitlabCall gitlab, String branchPath, String branch, RuntimeException e) {
        String what;
        try {
            gitlab.sendUnlessGone("DELETE", branchPath, null, api -> {
                api.getRepositoryApi().deleteBranch(gitlab.project(), branch);
                return null;
            });
            what = "; the branch '" + branch + "' was deleted again";
        } catch (RuntimeException again) {
            what = "; the branch '" + branch + "' could not be deleted: " + again.getMessage();
        }
        if (e instanceof ToolException te) {
            return new ToolException(te.failure(), te.getMessage() + what, te.partial().orElse(null), te);
        }
        if (e instanceof io.carapulse.api.tool.RetriableToolException rte) {
            return new ToolException(rte.failure(), rte.getMessage() + what, rte.partial().orElse(null), rte);
        }
        return e;
    }

    private static String action(FileChange f) {
        return f.creates() ? "create" : f.deletes() ? "delete" : "update";
    }

    private static JsonNode commitBody(String branch, String head, String message, PreparedChange change) {
        ObjectNode body = GitlabMergeRequests.F.objectNode();
        body.put("branch", branch);
        body.put("start_sha", head);
        body.put("commit_message", message);
        ArrayNode actions = body.putArray("actions");
        for (FileChange f : change.files()) {
            ObjectNode a = actions.addObject().put("action", action(f)).put("file_path", f.path());
            if (!f.deletes()) {
                a.put("content", new String(f.newContent(), StandardCharsets.UTF_8)).put("encoding", "text");
            }
        }
        return body;
    }

    private static CommitPayload commitPayload(String branch, String head, String message, PreparedChange change) {
        List<CommitAction> actions = new ArrayList<>();
        for (FileChange f : change.files()) {
            CommitAction a = new CommitAction().withAction(CommitAction.Action.forValue(action(f))).withFilePath(f.path());
            if (!f.deletes()) {
                a.withContent(new String(f.newContent(), StandardCharsets.UTF_8)).withEncoding(Constants.Encoding.TEXT);
            }
            actions.add(a);
        }
        return new CommitPayload().withBranch(branch).withStartSha(head).withCommitMessage(message).withActions(actions);
    }
}
