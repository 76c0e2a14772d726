package io.carapulse.tools.github;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The structured results of the actions ({@code ToolResult.data}), the same whichever transport read them. */
final class GitHubData {

    private GitHubData() {
    }

    static ObjectNode pull(GitHubApi.PullRequest p, boolean full) {
        ObjectNode o = GitHubRest.object().put("number", p.number()).put("title", p.title()).put("state", p.state())
                .put("merged", p.merged()).put("url", p.htmlUrl()).put("head", p.headRef()).put("head_sha", p.headSha())
                .put("base", p.baseRef()).put("author", p.author());
        if (full) {
            o.put("draft", p.draft());
            if (p.mergeable() == null) {
                o.putNull("mergeable");
            } else {
                o.put("mergeable", p.mergeable());
            }
            o.put("mergeable_state", p.mergeableState()).put("merge_commit_sha", p.mergeCommitSha())
                    .put("head_repository", p.headRepository()).put("body", p.body());
        }
        return o;
    }

    static ArrayNode commits(List<GitHubApi.Commit> commits) {
        ArrayNode a = GitHubRest.JSON.createArrayNode();
        commits.forEach(c -> a.addObject().put("sha", c.sha()).put("message", c.message()).put("author", c.author())
                .put("date", c.date()).put("url", c.url()));
        return a;
    }

    /** {@code #7 open: title (head -> base) url}. */
    static String line(GitHubApi.PullRequest p) {
        return "#" + p.number() + " " + (p.merged() ? "merged" : p.state()) + ": " + p.title() + " (" + p.headRef()
                + " -> " + p.baseRef() + ") " + p.htmlUrl();
    }
}
