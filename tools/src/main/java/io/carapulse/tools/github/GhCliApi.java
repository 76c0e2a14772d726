package io.carapulse.tools.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.tools.process.ProcessOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link GitHubApi} through the {@code gh} CLI: every operation is one {@code gh api <endpoint> --method <M>
 * -H "Accept: application/vnd.github+json" -H "X-GitHub-Api-Version: 2022-11-28" [--input <file>]} (REST,
 * the same endpoints as the SDK path), request bodies in a file of the lease's private directory, never in
 * argv. {@code gh api} has no {@code -R}: the repository is the endpoint's {@code repos/<owner>/<name>},
 * built from the inventory-checked name; the host is the lease's {@code GH_HOST}.
 */
final class GhCliApi implements GitHubApi {

    private final GitHubCall call;
    private final String repo;

    GhCliApi(GitHubCall call, String repository) {
        this.call = call;
        this.repo = "repos/" + repository;
    }

    @Override
    public PullRequest pull(int number) {
        return GitHubRest.pull(get(repo + "/pulls/" + number));
    }

    @Override
    public List<PullRequest> pulls(String state, String base, String head, int limit) {
        StringBuilder q = new StringBuilder(repo + "/pulls?state=" + GitHubRest.segment(state) + "&per_page=" + limit);
        if (base != null) {
            q.append("&base=").append(GitHubRest.segment(base));
        }
        if (head != null) {
            q.append("&head=").append(GitHubRest.segment(head));
        }
        return GitHubRest.pulls(get(q.toString()));
    }

    @Override
    public List<CheckRun> checkRuns(String sha) {
        return GitHubRest.checkRuns(get(repo + "/commits/" + GitHubRest.segment(sha) + "/check-runs?per_page=100"));
    }

    @Override
    public List<CommitStatus> statuses(String sha) {
        return GitHubRest.statuses(get(repo + "/statuses/" + GitHubRest.segment(sha) + "?per_page=100"));
    }

    @Override
    public Content content(String path, String ref) {
        return GitHubRest.content(get(repo + "/contents/" + GitHubRest.path(path)
                + (ref == null ? "" : "?ref=" + GitHubRest.segment(ref))));
    }

    @Override
    public List<Commit> commits(String ref, int limit) {
        return GitHubRest.commits(get(repo + "/commits?per_page=" + limit
                + (ref == null ? "" : "&sha=" + GitHubRest.segment(ref))), limit);
    }

    @Override
    public Comparison compare(String base, String head, int limit) {
        return GitHubRest.comparison(get(repo + "/compare/" + GitHubRest.path(base) + "..."
                + GitHubRest.path(head) + "?per_page=100"), limit);
    }

    @Override
    public String branchHead(String branch) {
        JsonNode b = get(repo + "/branches/" + GitHubRest.path(branch));
        GitHubRest.require(b.path("commit"), "sha", "a branch");
        return b.path("commit").path("sha").asText();
    }

    @Override
    public String commitTree(String commitSha) {
        JsonNode commit = get(repo + "/commits/" + GitHubRest.segment(commitSha)).path("commit");
        GitHubRest.require(commit.path("tree"), "sha", "a commit");
        return commit.path("tree").path("sha").asText();
    }

    @Override
    public List<TreeItem> tree(String treeSha) {
        return GitHubRest.tree(get(repo + "/git/trees/" + GitHubRest.segment(treeSha)));
    }

    @Override
    public String createBlob(byte[] content) {
        ObjectNode body = GitHubRest.object().put("content", Base64.getEncoder().encodeToString(content))
                .put("encoding", "base64");
        return sha(send("POST", repo + "/git/blobs", body), "a blob");
    }

    @Override
    public String createTree(String baseTree, List<TreeEntry> entries) {
        ObjectNode body = GitHubRest.object().put("base_tree", baseTree);
        ArrayNode tree = body.putArray("tree");
        for (TreeEntry e : entries) {
            ObjectNode entry = tree.addObject().put("path", e.path()).put("mode", e.mode()).put("type", "blob");
            if (e.blobSha() == null) {
                entry.putNull("sha");
            } else {
                entry.put("sha", e.blobSha());
            }
        }
        return sha(send("POST", repo + "/git/trees", body), "a tree");
    }

    @Override
    public String createCommit(String message, String tree, String parent) {
        ObjectNode body = GitHubRest.object().put("message", message).put("tree", tree);
        body.putArray("parents").add(parent);
        return sha(send("POST", repo + "/git/commits", body), "a commit");
    }

    @Override
    public void createBranch(String branch, String sha) {
        send("POST", repo + "/git/refs", GitHubRest.object().put("ref", "refs/heads/" + branch).put("sha", sha));
    }

    @Override
    public PullRequest createPull(String title, String head, String base, String body, boolean draft) {
        return GitHubRest.pull(send("POST", repo + "/pulls", GitHubRest.object().put("title", title).put("head", head)
                .put("base", base).put("body", body).put("draft", draft)));
    }

    @Override
    public Comment comment(int number, String body) {
        JsonNode c = send("POST", repo + "/issues/" + number + "/comments", GitHubRest.object().put("body", body));
        GitHubRest.require(c, "id", "a comment");
        return new Comment(c.path("id").asLong(), GitHubRest.text(c, "html_url"));
    }

    @Override
    public Merge merge(int number, String headSha, MergeMethod method) {
        JsonNode m = send("PUT", repo + "/pulls/" + number + "/merge", GitHubRest.object().put("sha", headSha)
                .put("merge_method", method.wire()));
        return new Merge(m.path("merged").asBoolean(), GitHubRest.text(m, "sha"), GitHubRest.text(m, "message"));
    }

    @Override
    public PullRequest close(int number) {
        return GitHubRest.pull(send("PATCH", repo + "/pulls/" + number, GitHubRest.object().put("state", "closed")));
    }

    @Override
    public boolean deleteBranch(String branch) {
        try {
            run("DELETE", repo + "/git/refs/heads/" + GitHubRest.path(branch), null);
            return true;
        } catch (ToolException e) {
            // GitHub answers 422 "Reference does not exist" (404 on some servers) for a branch already gone
            if (e.failure() == ToolFailure.NOT_FOUND || e.failure() == ToolFailure.CONFLICT) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public long workflowId(String file) {
        JsonNode w = get(repo + "/actions/workflows/" + GitHubRest.segment(file));
        GitHubRest.require(w, "id", "a workflow");
        return w.path("id").asLong();
    }

    @Override
    public void dispatch(long workflowId, String ref, Map<String, String> inputs) {
        ObjectNode body = GitHubRest.object().put("ref", ref);
        ObjectNode in = body.putObject("inputs");
        inputs.forEach(in::put);
        send("POST", repo + "/actions/workflows/" + workflowId + "/dispatches", body);
    }

    @Override
    public List<WorkflowRun> dispatchedRuns(long workflowId, String branch, Instant since) {
        return GitHubRest.runs(get(repo + "/actions/runs?branch=" + GitHubRest.segment(branch)
                + "&event=workflow_dispatch&created=" + GitHubRest.segment(">=" + since.truncatedTo(ChronoUnit.SECONDS))
                + "&per_page=30")).stream().filter(r -> r.workflowId() == workflowId).toList();
    }

    private JsonNode get(String endpoint) {
        return run("GET", endpoint, null).orElseGet(GitHubRest::object);
    }

    private JsonNode send(String method, String endpoint, JsonNode body) {
        return run(method, endpoint, body).orElseGet(GitHubRest::object);
    }

    /** One {@code gh api} call; the answer, empty for 204. */
    private Optional<JsonNode> run(String method, String endpoint, JsonNode body) {
        List<String> args = new ArrayList<>(List.of("api", endpoint, "--method", method, "-H",
                "Accept: application/vnd.github+json", "-H", "X-GitHub-Api-Version: 2022-11-28"));
        if (body != null) {
            args.add("--input");
            args.add(call.requestFile(body.toString().getBytes(StandardCharsets.UTF_8)).toString());
        }
        ProcessOutcome outcome = call.gh(args, !"GET".equals(method));
        if (outcome.stdoutTruncated()) {
            throw call.failure(ToolFailure.TOOL_FAILED, method + " " + endpoint + " answered more than gh's output "
                    + "cap; lower max-file-bytes or the limit", null);
        }
        String out = outcome.stdout().strip();
        if (out.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(GitHubRest.JSON.readTree(out));
        } catch (JsonProcessingException e) {
            throw call.failure(ToolFailure.TOOL_FAILED, method + " " + endpoint + " printed no JSON", null);
        }
    }

    private String sha(JsonNode answer, String what) {
        GitHubRest.require(answer, "sha", what);
        return answer.path("sha").asText();
    }
}
