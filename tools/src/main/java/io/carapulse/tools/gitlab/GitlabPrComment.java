package io.carapulse.tools.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.family.Arg;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code gitlab.pr-comment}: adds a comment (a note) to a merge request
 * ({@code GET /projects/:id/merge_requests/:iid}, then {@code POST …/merge_requests/:iid/notes {body}}).
 * Not reversible: a comment people may have read is not taken back.
 */
public final class GitlabPrComment extends GitlabAction<GitlabPrComment.Arguments> {

    /** The arguments of {@code gitlab.pr-comment}. */
    public record Arguments(
            @Arg(value = REPO, pattern = PROJECT_PATTERN) String repo,
            @Arg(value = NUMBER, min = 1, max = Integer.MAX_VALUE) long number,
            @Arg(value = "the comment, Markdown", maxLength = 65_536) String body) implements OnProject {

        public Arguments {
            if (body.isBlank()) {
                throw new IllegalArgumentException("body: the comment is empty");
            }
        }
    }

    public GitlabPrComment(GitlabRuntime runtime) {
        super(runtime, "pr-comment", ActionClass.WRITE, "Comment on a GitLab merge request", Arguments.class, false,
                Duration.ofMinutes(2));
    }

    @Override
    protected ToolResult run(GitlabCall gitlab, GitlabProject project, Arguments args, ToolCall call,
                             ToolContext context) {
        JsonNode mr = GitlabMergeRequests.get(gitlab, args.number());
        JsonNode note = gitlab.send("POST", GitlabMergeRequests.path(gitlab.project(), args.number()) + "/notes",
                GitlabMergeRequests.F.objectNode().put("body", args.body()),
                api -> api.getNotesApi().createMergeRequestNote(gitlab.project(), args.number(), args.body(), null, null));
        String url = mr.path("web_url").asText() + "#note_" + note.path("id").asText();
        ObjectNode data = GitlabMergeRequests.F.objectNode();
        data.put("number", args.number());
        data.put("note_id", note.path("id").asLong());
        data.put("note_url", url);
        Map<String, String> ids = new LinkedHashMap<>(GitlabMergeRequests.ids(mr));
        ids.put("gitlab.note_id", note.path("id").asText());
        ids.put("gitlab.note_url", url);
        return gitlab.result(data, ids);
    }
}
