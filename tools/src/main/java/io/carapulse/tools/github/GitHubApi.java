package io.carapulse.tools.github;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The GitHub REST operations the actions use, for one repository and one call, made through {@code gh api}
 * ({@link GhCliApi}) or GitHub API for Java ({@link GitHubSdkApi}): each action's logic is written once
 * against this. Every failure is a {@link io.carapulse.api.tool.ToolException} named by {@link GitHubErrors}.
 * The endpoints are GitHub's REST API v3 ({@code docs/tools/github.md} lists them per method).
 */
public interface GitHubApi {

    /** {@code GET /repos/{o}/{r}/pulls/{n}}. */
    PullRequest pull(int number);

    /** {@code GET /repos/{o}/{r}/pulls?state&base&head&per_page}: newest first. */
    List<PullRequest> pulls(String state, String base, String head, int limit);

    /** {@code GET /repos/{o}/{r}/commits/{sha}/check-runs?per_page=100}. */
    List<CheckRun> checkRuns(String sha);

    /** {@code GET /repos/{o}/{r}/statuses/{sha}?per_page=100}: every status of {@code sha}, newest first. */
    List<CommitStatus> statuses(String sha);

    /**
     * {@code GET /repos/{o}/{r}/contents/{path}?ref}: what {@code path} is at {@code ref}; {@code not_found}
     * when there is nothing.
     */
    Content content(String path, String ref);

    /** {@code GET /repos/{o}/{r}/commits?sha={ref}&per_page}: newest first. */
    List<Commit> commits(String ref, int limit);

    /** {@code GET /repos/{o}/{r}/compare/{base}...{head}}: the commits {@code head} has that {@code base} has not. */
    Comparison compare(String base, String head, int limit);

    /** {@code GET /repos/{o}/{r}/branches/{branch}}: the commit the branch points at; {@code not_found} when absent. */
    String branchHead(String branch);

    /** {@code GET /repos/{o}/{r}/commits/{sha}}: the commit's tree. */
    String commitTree(String commitSha);

    /** {@code GET /repos/{o}/{r}/git/trees/{sha}}: the entries of one tree (not recursive). */
    List<TreeItem> tree(String treeSha);

    /** {@code POST /repos/{o}/{r}/git/blobs} (base64): the new blob's SHA. */
    String createBlob(byte[] content);

    /** {@code POST /repos/{o}/{r}/git/trees} with {@code base_tree}: the new tree's SHA. */
    String createTree(String baseTree, List<TreeEntry> entries);

    /** {@code POST /repos/{o}/{r}/git/commits}: the new commit's SHA. */
    String createCommit(String message, String tree, String parent);

    /** {@code POST /repos/{o}/{r}/git/refs}: creates {@code refs/heads/{branch}}; {@code conflict} (422) when it exists. */
    void createBranch(String branch, String sha);

    /** {@code POST /repos/{o}/{r}/pulls}. */
    PullRequest createPull(String title, String head, String base, String body, boolean draft);

    /** {@code POST /repos/{o}/{r}/issues/{n}/comments}. */
    Comment comment(int number, String body);

    /** {@code PUT /repos/{o}/{r}/pulls/{n}/merge} with the head SHA it must still have. */
    Merge merge(int number, String headSha, MergeMethod method);

    /** {@code PATCH /repos/{o}/{r}/pulls/{n}} {@code state=closed}. */
    PullRequest close(int number);

    /** {@code DELETE /repos/{o}/{r}/git/refs/heads/{branch}}: false when the branch was already gone. */
    boolean deleteBranch(String branch);

    /** {@code GET /repos/{o}/{r}/actions/workflows/{file}}: the workflow's id. */
    long workflowId(String file);

    /** {@code POST /repos/{o}/{r}/actions/workflows/{id}/dispatches} (204). */
    void dispatch(long workflowId, String ref, Map<String, String> inputs);

    /**
     * {@code GET /repos/{o}/{r}/actions/runs?event=workflow_dispatch&branch&created=>=since}: the runs of the
     * workflow among them, newest first.
     */
    List<WorkflowRun> dispatchedRuns(long workflowId, String branch, Instant since);

    /** A pull request as the actions use it. */
    record PullRequest(int number, String title, String state, boolean draft, boolean merged, Boolean mergeable,
                       String mergeableState, String htmlUrl, String headRef, String headSha, String headRepository,
                       String baseRef, String author, String mergeCommitSha, String body) {
    }

    /** One check run of a commit: {@code status} queued|in_progress|completed, {@code conclusion} when completed. */
    record CheckRun(String name, String status, String conclusion, String url) {
    }

    /** One commit status (the latest of its context). */
    record CommitStatus(String context, String state, String url) {
    }

    /**
     * What a path is: {@code type} file|dir|symlink|submodule, the blob SHA, the size, and for a file the
     * content when GitHub returned it; {@code path} as GitHub answered (another path: a symlink GitHub
     * followed).
     */
    record Content(String type, String path, String sha, long size, byte[] content) {
    }

    /** One commit. */
    record Commit(String sha, String message, String author, String date, String url) {
    }

    /** A comparison of two refs. */
    record Comparison(String status, int aheadBy, int behindBy, int totalCommits, List<Commit> commits, String url) {
    }

    /** One entry of a tree: {@code mode} 100644|100755|120000|160000|040000, {@code type} blob|tree|commit. */
    record TreeItem(String path, String mode, String type, String sha) {
    }

    /** One entry of a new tree: a blob at {@code path}, or its deletion ({@code blobSha} null). */
    record TreeEntry(String path, String mode, String blobSha) {
    }

    /** A comment made. */
    record Comment(long id, String htmlUrl) {
    }

    /** The outcome of a merge. */
    record Merge(boolean merged, String sha, String message) {
    }

    /** One workflow run. */
    record WorkflowRun(long id, long workflowId, String htmlUrl, String status, String conclusion, String headBranch,
                       Instant createdAt) {
    }
}
