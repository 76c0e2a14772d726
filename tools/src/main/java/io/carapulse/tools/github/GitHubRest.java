package io.carapulse.tools.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * GitHub's REST answers (API v3, {@code application/vnd.github+json}) read into {@link GitHubApi}'s records,
 * and the path segments of endpoints, percent-encoded. Used where the answer is REST JSON: {@code gh api}.
 */
final class GitHubRest {

    static final ObjectMapper JSON = new ObjectMapper();

    private GitHubRest() {
    }

    /** {@code text} as one path segment (a {@code /} included), every character but RFC 3986's unreserved encoded. */
    static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("%7E", "~");
    }

    /** A path of several segments ({@code helm/values/prod.yaml}, {@code feature/x}): each encoded, {@code /} kept. */
    static String path(String text) {
        List<String> parts = new ArrayList<>();
        for (String s : text.split("/", -1)) {
            parts.add(segment(s));
        }
        return String.join("/", parts);
    }

    static GitHubApi.PullRequest pull(JsonNode p) {
        require(p, "number", "a pull request");
        JsonNode merged = p.path("merged");
        return new GitHubApi.PullRequest(p.path("number").asInt(), text(p, "title"), text(p, "state"),
                p.path("draft").asBoolean(false),
                merged.isBoolean() ? merged.booleanValue() : !p.path("merged_at").isNull() && p.has("merged_at"),
                p.path("mergeable").isBoolean() ? p.path("mergeable").booleanValue() : null, text(p, "mergeable_state"),
                text(p, "html_url"), text(p.path("head"), "ref"), text(p.path("head"), "sha"),
                text(p.path("head").path("repo"), "full_name"), text(p.path("base"), "ref"),
                text(p.path("user"), "login"), text(p, "merge_commit_sha"), text(p, "body"));
    }

    static List<GitHubApi.PullRequest> pulls(JsonNode array) {
        List<GitHubApi.PullRequest> out = new ArrayList<>();
        array.forEach(p -> out.add(pull(p)));
        return out;
    }

    static List<GitHubApi.CheckRun> checkRuns(JsonNode answer) {
        List<GitHubApi.CheckRun> out = new ArrayList<>();
        answer.path("check_runs").forEach(c -> out.add(new GitHubApi.CheckRun(text(c, "name"), text(c, "status"),
                text(c, "conclusion"), text(c, "html_url"))));
        return out;
    }

    static List<GitHubApi.CommitStatus> statuses(JsonNode array) {
        List<GitHubApi.CommitStatus> statuses = new ArrayList<>();
        array.forEach(s -> statuses.add(new GitHubApi.CommitStatus(text(s, "context"), text(s, "state"),
                text(s, "target_url"))));
        return statuses;
    }

    /** A contents answer: an array is a directory; a file's content is base64 with line breaks. */
    static GitHubApi.Content content(JsonNode c) {
        if (c.isArray()) {
            return new GitHubApi.Content("dir", null, null, 0, null);
        }
        require(c, "type", "a path's contents");
        byte[] content = null;
        if ("file".equals(text(c, "type")) && "base64".equals(text(c, "encoding"))) {
            content = Base64.getMimeDecoder().decode(c.path("content").asText(""));
        }
        return new GitHubApi.Content(text(c, "type"), text(c, "path"), text(c, "sha"), c.path("size").asLong(),
                content);
    }

    static GitHubApi.Commit commit(JsonNode c) {
        JsonNode inner = c.path("commit");
        return new GitHubApi.Commit(text(c, "sha"), text(inner, "message"), text(inner.path("author"), "name"),
                text(inner.path("author"), "date"), text(c, "html_url"));
    }

    static List<GitHubApi.Commit> commits(JsonNode array, int limit) {
        List<GitHubApi.Commit> out = new ArrayList<>();
        for (JsonNode c : array) {
            if (out.size() < limit) {
                out.add(commit(c));
            }
        }
        return out;
    }

    static GitHubApi.Comparison comparison(JsonNode c, int limit) {
        List<GitHubApi.Commit> commits = commits(c.path("commits"), Integer.MAX_VALUE);
        // GitHub lists the oldest first; the newest `limit` are kept, newest first like `commits`
        List<GitHubApi.Commit> newest = new ArrayList<>();
        for (int i = commits.size() - 1; i >= 0 && newest.size() < limit; i--) {
            newest.add(commits.get(i));
        }
        return new GitHubApi.Comparison(text(c, "status"), c.path("ahead_by").asInt(), c.path("behind_by").asInt(),
                c.path("total_commits").asInt(), newest, text(c, "html_url"));
    }

    static List<GitHubApi.TreeItem> tree(JsonNode t) {
        List<GitHubApi.TreeItem> out = new ArrayList<>();
        t.path("tree").forEach(e -> out.add(new GitHubApi.TreeItem(text(e, "path"), text(e, "mode"), text(e, "type"),
                text(e, "sha"))));
        return out;
    }

    static List<GitHubApi.WorkflowRun> runs(JsonNode answer) {
        List<GitHubApi.WorkflowRun> out = new ArrayList<>();
        answer.path("workflow_runs").forEach(r -> out.add(new GitHubApi.WorkflowRun(r.path("id").asLong(),
                r.path("workflow_id").asLong(), text(r, "html_url"), text(r, "status"), text(r, "conclusion"), text(r, "head_branch"),
                instant(text(r, "created_at")))));
        return out;
    }

    static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** The text at {@code field}, {@code null} when absent or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    /** Refuses an answer that is not what the endpoint returns (a proxy's page, an empty body). */
    static void require(JsonNode node, String field, String what) {
        if (node == null || !node.has(field)) {
            throw new ToolException(ToolFailure.TOOL_FAILED, "GitHub's answer is not " + what + " (no '" + field + "')",
                    null);
        }
    }
}
