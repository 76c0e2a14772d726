package io.carapulse.tools.github;

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
import io.carapulse.tools.git.PreparedChange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code github.propose-change} (WRITE, reversible): a pull request with one commit of file edits on a new
 * branch from one of the repository's bases, writing only under its {@code paths}. When the plan is made,
 * {@link #preview} reads the base (its head commit, each path through the contents API) and the runtime
 * stores the unified diff with the plan; when the step runs, the base is read again and the approved diff
 * must come out the same ({@link PreparedChange#approved}), else {@code precondition_failed} before anything
 * is written. Then ({@link ChangePush}): blobs, a tree on the base's tree, a commit, the branch, the pull
 * request. The inverse, known before anything runs: {@code pr-close {head: <branch>, deleteBranch: true}}.
 * Evidence: the pull request's URL and number, the branch, the commit and base SHAs, {@code diff.sha256}.
 */
public final class GitHubProposeChange extends GitHubAction<GitHubProposeChange.Arguments> {

    /** Shapes only: the inventory's own file size limit is applied when the base is read. */
    static final ChangeLimits SHAPE = ChangeLimits.DEFAULT.withMaxFileBytes(GitHubInventoryValidation.MAX_FILE_BYTES_LIMIT);

    public record Arguments(
            @Arg(value = REPO, pattern = GitHubNames.REPOSITORY, maxLength = 140) String repo,
            @Arg(value = "the base branch, one of the repository's bases", pattern = GitHubNames.BRANCH, maxLength = 255)
            String base,
            @Arg(value = "the pull request's title, one line", maxLength = 256) String title,
            @Arg(value = "the pull request's description, Markdown (Carapulse adds the plan, approval and requester)",
                    maxLength = 60000) Optional<String> body,
            @Arg(value = "the files to write: path -> whole new content (or patch)", maxItems = 50,
                    maxLength = GitHubInventoryValidation.MAX_FILE_BYTES_LIMIT) Optional<Map<String, String>> files,
            @Arg(value = "a unified diff in git's format (or files)", maxLength = 4_000_000) Optional<String> patch,
            @Arg(value = "the new branch (default carapulse/<execution>-<step>)", pattern = GitHubNames.BRANCH,
                    maxLength = 200) Optional<String> branch,
            @Arg("open the pull request as a draft") Optional<Boolean> draft) implements Target {

        public Arguments {
            if (title.isBlank() || title.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw ToolArgs.invalid("title: one line of text, not empty");
            }
            branch.flatMap(GitHubNames::branchProblem).ifPresent(p -> {
                throw ToolArgs.invalid("branch: " + p);
            });
            for (String path : ChangeEdits.parse(files, patch, SHAPE).paths()) {
                if (!path.matches(GitHubNames.PATH)) {
                    throw ToolArgs.invalid("'" + path + "': this family writes paths of letters, digits and "
                            + "_ . @ + = , ~ - only");
                }
            }
        }

        ChangeEdits edits() {
            return ChangeEdits.parse(files, patch, SHAPE);
        }
    }

    public GitHubProposeChange(GitHubRuntime runtime) {
        super(runtime, "propose-change", ActionClass.WRITE, "Open a pull request with file edits (whole files or a "
                + "patch) on a new branch from a base; the diff is shown and approved with the plan; reversible: "
                + "closes it and deletes the branch", Arguments.class, true, Duration.ofMinutes(5));
    }

    @Override
    protected List<String> allowProblems(GitHubInventory inventory, GitHubRepository repository, Arguments args) {
        List<String> problems = new ArrayList<>();
        if (!repository.bases().contains(args.base())) {
            problems.add("base: '" + args.base() + "' is not a base of " + repository.name() + " (bases: "
                    + repository.bases() + ")");
        }
        args.branch().filter(b -> repository.bases().contains(b)).ifPresent(b ->
                problems.add("branch: '" + b + "' is a base branch; a change gets a new branch"));
        if (repository.paths().isEmpty()) {
            problems.add(args.edits().argument() + ": " + repository.name() + " declares no paths changes may write "
                    + "(github paths)");
        } else {
            problems.addAll(args.edits().pathProblems(repository.paths()));
        }
        return problems;
    }

    @Override
    public Optional<StepPreview> preview(ToolCall call, ToolContext context) {
        Arguments args = arguments(call);
        List<String> problems = targets(call.environment(), args);
        if (!problems.isEmpty()) {
            throw new ToolException(ToolFailure.TARGET_NOT_ALLOWED, String.join("; ", problems), null);
        }
        try (GitHubCall gh = readNow(call, context, args)) {
            String baseSha = gh.api().branchHead(args.base());
            ChangeEdits edits = args.edits();
            return Optional.of(PreparedChange.prepare(args.repo(), args.base(), baseSha, edits, limits(gh),
                    path -> GitHubFiles.base(gh, edits.argument(), path, baseSha, gh.inventory().maxFileBytes()))
                    .preview());
        }
    }

    @Override
    protected Optional<ToolCall> inverse(Arguments args, ToolCall call, ToolContext context) {
        return Optional.of(other(call, "pr-close", GitHubPrClose.Arguments.class, new GitHubPrClose.Arguments(
                args.repo(), Optional.empty(), Optional.of(branch(args, call, context)), Optional.of(true))));
    }

    @Override
    protected ToolResult run(GitHubCall gh, Arguments args, ToolCall call, ToolContext context) {
        String head = gh.api().branchHead(args.base());
        ChangeEdits edits = args.edits();
        PreparedChange change = PreparedChange.approved(context.preview(), args.repo(), args.base(), head, edits,
                limits(gh), path -> GitHubFiles.base(gh, edits.argument(), path, head, gh.inventory().maxFileBytes()));
        String branch = branch(args, call, context);
        String diffSha = context.preview().orElseThrow().diffSha256();
        ChangePush.Pushed pushed = new ChangePush(gh).push(change, branch, commitMessage(args, context),
                args.title(), body(args, context, diffSha), args.draft().orElse(false));
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("github.pr_url", String.valueOf(pushed.pull().htmlUrl()));
        ids.put("github.pr_number", String.valueOf(pushed.pull().number()));
        ids.put("github.head_branch", branch);
        ids.put("github.commit_sha", pushed.commit());
        ids.put("github.base_sha", head);
        ids.put("diff.sha256", diffSha);
        var data = GitHubData.pull(pushed.pull(), false).put("commit_sha", pushed.commit()).put("base_sha", head)
                .put("diff_sha256", diffSha).put("files", change.files().size());
        return gh.result("opened " + pushed.pull().htmlUrl() + ": " + change.preview().summary() + " on " + branch,
                data, ids);
    }

    private static ChangeLimits limits(GitHubCall gh) {
        return ChangeLimits.DEFAULT.withMaxFileBytes(gh.inventory().maxFileBytes());
    }

    /**
     * The branch: the step's own, else {@code carapulse/<execution>-<step>} from the call's origin, else (a call
     * made outside a plan) {@code carapulse/<execution>-<8 hex of the arguments' hash>}: the same for the
     * inverse captured first and the write after it.
     */
    static String branch(Arguments args, ToolCall call, ToolContext context) {
        if (args.branch().isPresent()) {
            return args.branch().get();
        }
        String id = context.origin().map(o -> o.executionId() + "-" + o.stepPosition())
                .orElseGet(() -> context.executionId() + "-" + sha256(call.args().toString()).substring(0, 8));
        String safe = id.replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("-{2,}", "-").replaceAll("^-|-$", "");
        return "carapulse/" + (safe.length() > 180 ? safe.substring(0, 180) : safe);
    }

    private String commitMessage(Arguments args, ToolContext context) {
        return args.title() + "\n\n" + attribution(context, null);
    }

    private String body(Arguments args, ToolContext context, String diffSha) {
        return args.body().map(b -> b.strip() + "\n\n---\n").orElse("") + attribution(context, diffSha);
    }

    /** Who asked and who approved, and a link to the plan when the console's public URL is known. */
    private String attribution(ToolContext context, String diffSha) {
        StringBuilder s = new StringBuilder();
        context.origin().ifPresentOrElse(o -> {
            s.append("Proposed by Carapulse for plan ").append(o.planId()).append(" (step ").append(o.stepPosition())
                    .append(", execution ").append(o.executionId()).append("), requested by ").append(o.requester())
                    .append(", approved by ").append(o.approver().orElse("(no approver recorded)")).append('.');
            runtime.consoleUrl().ifPresent(u -> s.append("\n\nPlan: ").append(u).append("/console/plans/")
                    .append(o.planId()));
        }, () -> s.append("Proposed by Carapulse (execution ").append(context.executionId()).append(")."));
        if (diffSha != null) {
            s.append("\n\nApproved diff sha256: ").append(diffSha);
        }
        return s.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
