package io.carapulse.approvals.linear;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.error.PermanentException;
import io.carapulse.approvals.http.JsonHttp;
import io.carapulse.config.SecretRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Linear's GraphQL API, the calls approvals need and nothing else. The API key is read from its
 * reference on every call (so a rotated key is picked up) and travels only in the
 * {@code Authorization} header.
 */
class LinearClient {

    static final String VIEWER = "query Viewer { viewer { id } }";
    static final String LABELS = "query ApprovalLabels($names: [String!]) {"
            + " issueLabels(filter: { name: { in: $names } }, first: 100) { nodes { id name team { id } } } }";
    static final String LABEL_CREATE = "mutation ApprovalLabelCreate($input: IssueLabelCreateInput!) {"
            + " issueLabelCreate(input: $input) { success issueLabel { id name } } }";
    static final String ISSUE_FIND = "query ApprovalIssueFind($id: ID!) {"
            + " issues(filter: { id: { eq: $id } }, first: 1) { nodes { id identifier url } } }";
    static final String ISSUE_CREATE = "mutation ApprovalIssueCreate($input: IssueCreateInput!) {"
            + " issueCreate(input: $input) { success issue { id identifier url } } }";
    static final String ISSUE_STATE = "query ApprovalIssueState($id: String!, $after: String) {"
            + " issue(id: $id) { id identifier url updatedAt labels { nodes { id name } }"
            + " history(first: 50, after: $after) { nodes { id createdAt actor { id name email }"
            + " addedLabelIds removedLabelIds } pageInfo { hasNextPage endCursor } }"
            + " comments(first: 50) { nodes { id body createdAt user { id } } } } }";
    static final String COMMENT_FIND = "query ApprovalCommentFind($id: ID!) {"
            + " comments(filter: { id: { eq: $id } }, first: 1) { nodes { id } } }";
    static final String COMMENT_CREATE = "mutation ApprovalComment($input: CommentCreateInput!) {"
            + " commentCreate(input: $input) { success comment { id } } }";
    static final String ISSUE_LABELS = "mutation ApprovalIssueLabels($id: String!, $input: IssueUpdateInput!) {"
            + " issueUpdate(id: $id, input: $input) { success issue { id } } }";
    static final String CHANGED = "query ApprovalIssuesChanged($filter: IssueFilter, $after: String) {"
            + " issues(filter: $filter, first: 50, after: $after, orderBy: updatedAt) {"
            + " nodes { id updatedAt } pageInfo { hasNextPage endCursor } } }";

    /** An issue as approvals need it. */
    record IssueRef(String id, String identifier, String url) {
    }

    /** One page of changed issues. */
    record Changed(List<JsonNode> nodes, String nextPage) {
    }

    private final LinearConfiguration config;
    private final JsonHttp http;

    LinearClient(LinearConfiguration config) {
        this.config = config;
        this.http = new JsonHttp("Linear", config.timeout());
    }

    String viewerId() {
        return call(VIEWER, JsonHttp.JSON.createObjectNode()).path("viewer").path("id").asText();
    }

    /** Labels named {@code names}, workspace-wide and of every team: name, id and team id (or null). */
    List<JsonNode> labels(Collection<String> names) {
        ObjectNode v = JsonHttp.JSON.createObjectNode();
        ArrayNode n = v.putArray("names");
        names.forEach(n::add);
        List<JsonNode> out = new ArrayList<>();
        call(LABELS, v).path("issueLabels").path("nodes").forEach(out::add);
        return out;
    }

    String createLabel(String teamId, String name, String color) {
        ObjectNode v = JsonHttp.JSON.createObjectNode();
        v.putObject("input").put("teamId", teamId).put("name", name).put("color", color);
        JsonNode payload = call(LABEL_CREATE, v).path("issueLabelCreate");
        requireSuccess(payload, "issueLabelCreate");
        return payload.path("issueLabel").path("id").asText();
    }

    Optional<IssueRef> findIssue(String id) {
        ObjectNode v = JsonHttp.JSON.createObjectNode().put("id", id);
        JsonNode nodes = call(ISSUE_FIND, v).path("issues").path("nodes");
        return nodes.isEmpty() ? Optional.empty() : Optional.of(issue(nodes.get(0)));
    }

    IssueRef createIssue(String id, String title, String description, List<String> labelIds) {
        ObjectNode v = JsonHttp.JSON.createObjectNode();
        ObjectNode input = v.putObject("input").put("id", id).put("teamId", config.teamId()).put("title", title)
                .put("description", description);
        ArrayNode labels = input.putArray("labelIds");
        labelIds.forEach(labels::add);
        JsonNode payload = call(ISSUE_CREATE, v).path("issueCreate");
        requireSuccess(payload, "issueCreate");
        return issue(payload.path("issue"));
    }

    /** The issue with its labels, one page of its history (from {@code after}) and its comments. */
    JsonNode issueState(String id, String after) {
        ObjectNode v = JsonHttp.JSON.createObjectNode().put("id", id);
        if (after == null) {
            v.putNull("after");
        } else {
            v.put("after", after);
        }
        return call(ISSUE_STATE, v).path("issue");
    }

    boolean commentExists(String id) {
        return !call(COMMENT_FIND, JsonHttp.JSON.createObjectNode().put("id", id)).path("comments").path("nodes")
                .isEmpty();
    }

    void createComment(String id, String issueId, String body) {
        ObjectNode v = JsonHttp.JSON.createObjectNode();
        v.putObject("input").put("id", id).put("issueId", issueId).put("body", body);
        requireSuccess(call(COMMENT_CREATE, v).path("commentCreate"), "commentCreate");
    }

    void updateLabels(String issueId, List<String> add, List<String> remove) {
        ObjectNode v = JsonHttp.JSON.createObjectNode().put("id", issueId);
        ObjectNode input = v.putObject("input");
        add.forEach(input.putArray("addedLabelIds")::add);
        remove.forEach(input.putArray("removedLabelIds")::add);
        requireSuccess(call(ISSUE_LABELS, v).path("issueUpdate"), "issueUpdate");
    }

    /** Issues among {@code ids} updated at or after {@code since} (all of them when null), one page. */
    Changed changed(List<String> ids, String since, String after) {
        ObjectNode v = JsonHttp.JSON.createObjectNode();
        ObjectNode filter = v.putObject("filter");
        ArrayNode in = filter.putObject("id").putArray("in");
        ids.forEach(in::add);
        if (since != null) {
            filter.putObject("updatedAt").put("gte", since);
        }
        if (after == null) {
            v.putNull("after");
        } else {
            v.put("after", after);
        }
        JsonNode issues = call(CHANGED, v).path("issues");
        List<JsonNode> nodes = new ArrayList<>();
        issues.path("nodes").forEach(nodes::add);
        JsonNode page = issues.path("pageInfo");
        return new Changed(nodes, page.path("hasNextPage").asBoolean(false) ? page.path("endCursor").asText() : null);
    }

    private JsonNode call(String query, ObjectNode variables) {
        SecretRef.Secret key = config.apiKeyRef().resolve();
        ObjectNode body = JsonHttp.JSON.createObjectNode().put("query", query);
        body.set("variables", variables);
        JsonHttp.Answer answer = http.post(config.apiUrl(), Map.of("Authorization", key.reveal()), body);
        LinearErrors.of(answer, List.of(key.reveal())).ifPresent(e -> {
            throw e;
        });
        return answer.json().path("data");
    }

    private static void requireSuccess(JsonNode payload, String mutation) {
        if (!payload.path("success").asBoolean(false)) {
            throw new PermanentException("channel_refused", "Linear did not apply " + mutation);
        }
    }

    private static IssueRef issue(JsonNode n) {
        return new IssueRef(n.path("id").asText(), n.path("identifier").asText(), n.path("url").asText());
    }
}
