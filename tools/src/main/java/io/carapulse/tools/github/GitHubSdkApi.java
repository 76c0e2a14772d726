package io.carapulse.tools.github;

import static io.carapulse.tools.github.GitHubSdkShapes.first;
import static io.carapulse.tools.github.GitHubSdkShapes.iso;
import static io.carapulse.tools.github.GitHubSdkShapes.lower;
import static io.carapulse.tools.github.GitHubSdkShapes.text;

import io.carapulse.api.tool.ToolFailure;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kohsuke.github.GHCheckRun;
import org.kohsuke.github.GHCommit;
import org.kohsuke.github.GHCommitStatus;
import org.kohsuke.github.GHCompare;
import org.kohsuke.github.GHContent;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHPullRequestQueryBuilder;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GHTreeBuilder;
import org.kohsuke.github.GHWorkflow;
import org.kohsuke.github.GHWorkflowRun;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.PagedIterable;

/**
 * {@link GitHubApi} through GitHub API for Java (github-api 1.330) over the call's connector: the same REST
 * endpoints as {@code gh api}, plus the {@code GET /repos/{o}/{r}} the library reads first. Rate-limit and
 * abuse handlers fail instead of waiting; a failure is named from the last answer the connector recorded
 * (its status, rate-limit headers and GitHub's message), never from the library's exception text.
 */
final class GitHubSdkApi implements GitHubApi {

    private final GitHubCall call;
    private final String name;
    private final GitHubSdkRequests requests;
    private final Map<Long, GHWorkflow> workflows = new HashMap<>();
    private GHRepository repository;

    GitHubSdkApi(GitHubCall call, String repository) {
        this.call = call;
        this.name = repository;
        this.requests = new GitHubSdkRequests(call);
    }

    private <T> T sdk(String what, GitHubSdkRequests.Request<T> request) {
        return requests.send(what, request);
    }

    private GHRepository repo() {
        if (repository == null) {
            repository = sdk("GET repos/" + name, () -> {
                // an installation token's provider for any token: "Authorization: token …" without the library's
                // lookup of GET /user (an OAuth token's login), which an installation token may not make
                GitHubBuilder builder = new GitHubBuilder().withEndpoint(call.inventory().apiUrl().toString());
                String token = call.token();
                if (token != null) { // null: token: none, an anonymous call
                    builder = builder.withAppInstallationToken(token);
                }
                GitHub github = builder.withConnector(requests.connector())
                        .withRateLimitHandler(GitHubRateLimitHandler.FAIL)
                        .withAbuseLimitHandler(GitHubAbuseLimitHandler.FAIL).build();
                return github.getRepository(name);
            });
        }
        return repository;
    }

    @Override
    public PullRequest pull(int number) {
        return sdk("GET pulls/" + number, () -> GitHubSdkShapes.pull(repo().getPullRequest(number), true));
    }

    @Override
    public List<PullRequest> pulls(String state, String base, String head, int limit) {
        return sdk("GET pulls", () -> {
            GHPullRequestQueryBuilder q = repo().queryPullRequests().state(GHIssueState.valueOf(state.toUpperCase(java.util.Locale.ROOT)));
            if (base != null) {
                q.base(base);
            }
            if (head != null) {
                q.head(head);
            }
            List<PullRequest> out = new ArrayList<>();
            for (GHPullRequest p : first(q.list(), limit)) {
                out.add(GitHubSdkShapes.pull(p, false));
            }
            return out;
        });
    }

    @Override
    public List<CheckRun> checkRuns(String sha) {
        return sdk("GET commits/" + sha + "/check-runs", () -> {
            List<CheckRun> out = new ArrayList<>();
            for (GHCheckRun c : first(repo().getCheckRuns(sha), 100)) {
                out.add(new CheckRun(c.getName(), lower(c.getStatus()), lower(c.getConclusion()), text(c.getHtmlUrl())));
            }
            return out;
        });
    }

    @Override
    public List<CommitStatus> statuses(String sha) {
        return sdk("GET statuses/" + sha, () -> {
            List<CommitStatus> out = new ArrayList<>();
            for (GHCommitStatus s : first(repo().listCommitStatuses(sha), 100)) {
                out.add(new CommitStatus(s.getContext(), lower(s.getState()), s.getTargetUrl()));
            }
            return out;
        });
    }

    @Override
    public Content content(String path, String ref) {
        return sdk("GET contents/" + path, () -> {
            try {
                GHContent c = ref == null ? repo().getFileContent(path) : repo().getFileContent(path, ref);
                String encoded = "file".equals(c.getType()) ? c.getEncodedContent() : null;
                byte[] bytes = encoded == null || !"base64".equals(c.getEncoding()) ? null
                        : Base64.getMimeDecoder().decode(encoded);
                return new Content(c.getType(), c.getPath(), c.getSha(), c.getSize(), bytes);
            } catch (IOException e) {
                if (requests.lastAnsweredAList()) {
                    return new Content("dir", null, null, 0, null); // a directory lists its entries
                }
                throw e;
            }
        });
    }

    @Override
    public List<Commit> commits(String ref, int limit) {
        return sdk("GET commits", () -> {
            var q = repo().queryCommits().pageSize(limit);
            if (ref != null) {
                q.from(ref);
            }
            List<Commit> out = new ArrayList<>();
            for (GHCommit c : first(q.list(), limit)) {
                var info = c.getCommitShortInfo();
                out.add(new Commit(c.getSHA1(), info.getMessage(), info.getAuthor() == null ? null
                        : info.getAuthor().getName(), iso(info.getAuthoredDate()), text(c.getHtmlUrl())));
            }
            return out;
        });
    }

    @Override
    public Comparison compare(String base, String head, int limit) {
        return sdk("GET compare/" + base + "..." + head, () -> {
            GHCompare c = repo().getCompare(base, head);
            List<Commit> newest = new ArrayList<>();
            GHCompare.Commit[] commits = c.getCommits();
            for (int i = commits.length - 1; i >= 0 && newest.size() < limit; i--) {
                var inner = commits[i].getCommit();
                newest.add(new Commit(commits[i].getSHA1(), inner.getMessage(), inner.getAuthor() == null ? null
                        : inner.getAuthor().getName(), inner.getAuthor() == null ? null : iso(inner.getAuthor().getDate()),
                        text(commits[i].getHtmlUrl())));
            }
            return new Comparison(lower(c.getStatus()), c.getAheadBy(), c.getBehindBy(), c.getTotalCommits(), newest,
                    text(c.getHtmlUrl()));
        });
    }

    @Override
    public String branchHead(String branch) {
        return sdk("GET branches/" + branch, () -> repo().getBranch(branch).getSHA1());
    }

    @Override
    public String commitTree(String commitSha) {
        return sdk("GET commits/" + commitSha, () -> repo().getCommit(commitSha).getCommitShortInfo().getTreeSHA1());
    }

    @Override
    public List<TreeItem> tree(String treeSha) {
        return sdk("GET git/trees/" + treeSha, () -> repo().getTree(treeSha).getTree().stream()
                .map(e -> new TreeItem(e.getPath(), e.getMode(), e.getType(), e.getSha())).toList());
    }

    @Override
    public String createBlob(byte[] content) {
        return sdk("POST git/blobs", () -> repo().createBlob().binaryContent(content).create().getSha());
    }

    @Override
    public String createTree(String baseTree, List<TreeEntry> entries) {
        return sdk("POST git/trees", () -> {
            GHTreeBuilder tree = repo().createTree().baseTree(baseTree);
            for (TreeEntry e : entries) {
                if (e.blobSha() == null) {
                    tree.delete(e.path());
                } else {
                    tree.entry(e.path(), e.mode(), "blob", e.blobSha(), null);
                }
            }
            return tree.create().getSha();
        });
    }

    @Override
    public String createCommit(String message, String tree, String parent) {
        return sdk("POST git/commits", () -> repo().createCommit().message(message).tree(tree).parent(parent).create()
                .getSHA1());
    }

    @Override
    public void createBranch(String branch, String sha) {
        sdk("POST git/refs", () -> repo().createRef("refs/heads/" + branch, sha));
    }

    @Override
    public PullRequest createPull(String title, String head, String base, String body, boolean draft) {
        return sdk("POST pulls", () -> GitHubSdkShapes.pull(repo().createPullRequest(title, head, base, body, true,
                draft), false));
    }

    @Override
    public Comment comment(int number, String body) {
        return sdk("POST issues/" + number + "/comments", () -> {
            GHIssueComment c = repo().getIssue(number).comment(body);
            return new Comment(c.getId(), text(c.getHtmlUrl()));
        });
    }

    @Override
    public Merge merge(int number, String headSha, MergeMethod method) {
        return sdk("PUT pulls/" + number + "/merge", () -> {
            GHPullRequest p = repo().getPullRequest(number);
            p.merge(null, headSha, GHPullRequest.MergeMethod.valueOf(method.name()));
            // the library drops the answer's sha; the pull request read again names the merge commit
            GHPullRequest merged = repo().getPullRequest(number);
            return new Merge(merged.isMerged(), merged.getMergeCommitSha(), null);
        });
    }

    @Override
    public PullRequest close(int number) {
        return sdk("PATCH pulls/" + number, () -> {
            GHPullRequest p = repo().getPullRequest(number);
            PullRequest before = GitHubSdkShapes.pull(p, true);
            p.close();
            return GitHubSdkShapes.closed(before);
        });
    }

    @Override
    public boolean deleteBranch(String branch) {
        try {
            sdk("DELETE git/refs/heads/" + branch, () -> {
                // the exact branch first: the library's ref read matches prefixes (heads/x also finds heads/x-1)
                repo().getBranch(branch);
                repo().getRef("heads/" + branch).delete();
                return null;
            });
            return true;
        } catch (io.carapulse.api.tool.ToolException e) {
            if (e.failure() == ToolFailure.NOT_FOUND || e.failure() == ToolFailure.CONFLICT) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public long workflowId(String file) {
        return sdk("GET actions/workflows/" + file, () -> {
            GHWorkflow w = repo().getWorkflow(file);
            workflows.put(w.getId(), w);
            return w.getId();
        });
    }

    @Override
    public void dispatch(long workflowId, String ref, Map<String, String> inputs) {
        sdk("POST actions/workflows/" + workflowId + "/dispatches", () -> {
            GHWorkflow w = workflows.containsKey(workflowId) ? workflows.get(workflowId) : repo().getWorkflow(workflowId);
            w.dispatch(ref, new LinkedHashMap<>(inputs));
            return null;
        });
    }

    @Override
    public List<WorkflowRun> dispatchedRuns(long workflowId, String branch, Instant since) {
        return sdk("GET actions/runs", () -> {
            List<WorkflowRun> out = new ArrayList<>();
            PagedIterable<GHWorkflowRun> runs = repo().queryWorkflowRuns().branch(branch).event("workflow_dispatch")
                    .created(">=" + since.truncatedTo(ChronoUnit.SECONDS)).list();
            for (GHWorkflowRun r : first(runs, 30)) {
                if (r.getWorkflowId() == workflowId) {
                    out.add(new WorkflowRun(r.getId(), r.getWorkflowId(), text(r.getHtmlUrl()), lower(r.getStatus()),
                            lower(r.getConclusion()), r.getHeadBranch(), r.getCreatedAt().toInstant()));
                }
            }
            return out;
        });
    }
}
