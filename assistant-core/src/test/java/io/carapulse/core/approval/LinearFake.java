package io.carapulse.core.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.carapulse.core.common.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful Linear behind WireMock, answering the GraphQL operations approvals use with bodies shaped
 * like Linear's: issues with labels, an issue history that records who changed which label, comments.
 * Tests act as Linear users through {@link #applyLabel} and {@link #comment}; {@link #down} makes every
 * call answer 503.
 */
final class LinearFake implements ResponseDefinitionTransformerV2 {

    static final String TEAM = "9cfb482a-81e2-4a4f-8f6c-1b7cbbd7e3a1";
    static final String VIEWER = "0b07b0b0-0000-4000-8000-00000000b0b0";

    record User(String id, String name, String email) {
    }

    static final class Issue {
        final String id;
        final String identifier;
        final String title;
        final String description;
        final Set<String> labelIds = new LinkedHashSet<>();
        final List<ObjectNode> history = new ArrayList<>();
        final List<ObjectNode> comments = new ArrayList<>();
        Instant updatedAt;

        Issue(String id, String identifier, String title, String description) {
            this.id = id;
            this.identifier = identifier;
            this.title = title;
            this.description = description;
        }

        String url() {
            return "https://linear.app/acme/issue/" + identifier;
        }
    }

    private final String apiKey;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, Issue> issues = new LinkedHashMap<>();
    private final Map<String, User> users = new LinkedHashMap<>();
    private final AtomicInteger numbers = new AtomicInteger(40);
    private final AtomicInteger ticks = new AtomicInteger();
    private final AtomicInteger issueCreates = new AtomicInteger();
    volatile boolean down;

    LinearFake(String apiKey) {
        this.apiKey = apiKey;
        reset();
    }

    /** Forgets issues and people; labels stay, as they do in a workspace. */
    synchronized void reset() {
        issues.clear();
        users.clear();
        issueCreates.set(0);
        down = false;
        labels.putIfAbsent("lbl-pending", "approval:pending"); // one exists at first; the others get created
        users.put(VIEWER, new User(VIEWER, "Carapulse", "carapulse-bot@acme.io"));
    }

    synchronized java.util.Collection<String> labelsInWorkspace() {
        return List.copyOf(labels.values());
    }

    @Override
    public String getName() {
        return "linear-fake";
    }

    synchronized void addUser(String id, String name, String email) {
        users.put(id, new User(id, name, email));
    }

    synchronized List<Issue> issues() {
        return List.copyOf(issues.values());
    }

    synchronized Issue issue(String id) {
        return issues.get(id);
    }

    int issueCreates() {
        return issueCreates.get();
    }

    synchronized Set<String> labelNames(String issueId) {
        Set<String> out = new LinkedHashSet<>();
        issues.get(issueId).labelIds.forEach(id -> out.add(labels.get(id)));
        return out;
    }

    synchronized List<String> commentBodies(String issueId) {
        return issues.get(issueId).comments.stream().map(c -> c.path("body").asText()).toList();
    }

    /** A person replaces the approval labels of the issue by {@code labelName}, as in Linear's UI. */
    synchronized void applyLabel(String issueId, String userId, String labelName) {
        Issue issue = issues.get(issueId);
        String labelId = idOf(labelName);
        List<String> removed = issue.labelIds.stream().filter(id -> labels.get(id).startsWith("approval:")).toList();
        issue.labelIds.removeAll(removed);
        issue.labelIds.add(labelId);
        record(issue, userId, List.of(labelId), removed);
    }

    /** A person adds {@code labelName} and keeps the others. */
    synchronized void addLabel(String issueId, String userId, String labelName) {
        Issue issue = issues.get(issueId);
        issue.labelIds.add(idOf(labelName));
        record(issue, userId, List.of(idOf(labelName)), List.of());
    }

    synchronized void comment(String issueId, String userId, String body) {
        Issue issue = issues.get(issueId);
        issue.comments.add(Json.object().put("id", "c-" + tick()).put("body", body).put("createdAt", now())
                .put("userId", userId));
        issue.updatedAt = Instant.parse(now());
    }

    /** A webhook body for an update of the issue, as Linear sends it. */
    synchronized String webhookBody(String issueId, Instant at) {
        Issue issue = issues.get(issueId);
        ObjectNode body = Json.object().put("action", "update").put("type", "Issue").put("createdAt", at.toString());
        ObjectNode data = body.putObject("data").put("id", issue.id).put("identifier", issue.identifier)
                .put("title", issue.title).put("teamId", TEAM);
        issue.labelIds.forEach(data.putArray("labelIds")::add);
        body.put("url", issue.url()).put("webhookTimestamp", at.toEpochMilli())
                .put("webhookId", "5c2c6f0e-1b1e-4d7b-9a4e-2f1d0c9b8a7f").put("organizationId", "org-acme");
        return Json.write(body);
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        if (down) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(503)
                    .withBody("upstream connect error or disconnect/reset before headers").build();
        }
        if (!apiKey.equals(event.getRequest().getHeader("Authorization"))) {
            return json(error("Authentication required, not authenticated", "AUTHENTICATION_ERROR"), 400);
        }
        JsonNode request = Json.read(event.getRequest().getBodyAsString());
        String query = request.path("query").asText();
        JsonNode v = request.path("variables");
        ObjectNode data = Json.object();
        if (query.startsWith("query Viewer")) {
            data.putObject("viewer").put("id", VIEWER);
        } else if (query.startsWith("query ApprovalLabels(")) {
            ArrayNode nodes = data.putObject("issueLabels").putArray("nodes");
            Set<String> names = new LinkedHashSet<>();
            v.path("names").forEach(n -> names.add(n.asText()));
            labels.forEach((id, name) -> {
                if (names.contains(name)) {
                    nodes.addObject().put("id", id).put("name", name).putObject("team").put("id", TEAM);
                }
            });
        } else if (query.startsWith("mutation ApprovalLabelCreate")) {
            String id = "lbl-" + tick();
            labels.put(id, v.at("/input/name").asText());
            data.putObject("issueLabelCreate").put("success", true).putObject("issueLabel").put("id", id)
                    .put("name", labels.get(id));
        } else if (query.startsWith("query ApprovalIssueFind")) {
            ArrayNode nodes = data.putObject("issues").putArray("nodes");
            Issue i = issues.get(v.path("id").asText());
            if (i != null) {
                nodes.addObject().put("id", i.id).put("identifier", i.identifier).put("url", i.url());
            }
        } else if (query.startsWith("mutation ApprovalIssueCreate")) {
            JsonNode in = v.path("input");
            if (!TEAM.equals(in.path("teamId").asText())) {
                return json(error("Entity not found: Team", "INVALID_INPUT"), 400);
            }
            issueCreates.incrementAndGet();
            Issue i = new Issue(in.path("id").asText(), "OPS-" + numbers.incrementAndGet(), in.path("title").asText(),
                    in.path("description").asText());
            List<String> added = new ArrayList<>();
            in.path("labelIds").forEach(l -> added.add(l.asText()));
            i.labelIds.addAll(added);
            issues.put(i.id, i);
            record(i, VIEWER, added, List.of());
            data.putObject("issueCreate").put("success", true).putObject("issue").put("id", i.id)
                    .put("identifier", i.identifier).put("url", i.url());
        } else if (query.startsWith("query ApprovalIssueState")) {
            Issue i = issues.get(v.path("id").asText());
            if (i == null) {
                return json(error("Entity not found: Issue - Could not find referenced Issue.", "INVALID_INPUT"), 400);
            }
            data.set("issue", state(i, v.path("after").asText(null)));
        } else if (query.startsWith("query ApprovalCommentFind")) {
            ArrayNode nodes = data.putObject("comments").putArray("nodes");
            String id = v.path("id").asText();
            issues.values().forEach(i -> i.comments.stream().filter(c -> c.path("id").asText().equals(id))
                    .forEach(c -> nodes.addObject().put("id", id)));
        } else if (query.startsWith("mutation ApprovalComment(")) {
            JsonNode in = v.path("input");
            Issue i = issues.get(in.path("issueId").asText());
            i.comments.add(Json.object().put("id", in.path("id").asText()).put("body", in.path("body").asText())
                    .put("createdAt", now()).put("userId", VIEWER));
            data.putObject("commentCreate").put("success", true).putObject("comment").put("id", in.path("id").asText());
        } else if (query.startsWith("mutation ApprovalIssueLabels")) {
            Issue i = issues.get(v.path("id").asText());
            List<String> added = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            v.at("/input/addedLabelIds").forEach(l -> {
                if (i.labelIds.add(l.asText())) {
                    added.add(l.asText());
                }
            });
            v.at("/input/removedLabelIds").forEach(l -> {
                if (i.labelIds.remove(l.asText())) {
                    removed.add(l.asText());
                }
            });
            if (!added.isEmpty() || !removed.isEmpty()) {
                record(i, VIEWER, added, removed);
            }
            data.putObject("issueUpdate").put("success", true).putObject("issue").put("id", i.id);
        } else if (query.startsWith("query ApprovalIssuesChanged")) {
            changed(data, v);
        } else {
            return json(error("Unknown operation", "GRAPHQL_VALIDATION_FAILED"), 400);
        }
        return json(Json.object().set("data", data), 200);
    }

    private void changed(ObjectNode data, JsonNode v) {
        Set<String> ids = new LinkedHashSet<>();
        v.at("/filter/id/in").forEach(n -> ids.add(n.asText()));
        String since = v.at("/filter/updatedAt/gte").asText(null);
        List<Issue> matching = issues.values().stream().filter(i -> ids.contains(i.id))
                .filter(i -> since == null || !i.updatedAt.isBefore(Instant.parse(since)))
                .sorted(java.util.Comparator.comparing(i -> i.updatedAt)).toList();
        int from = v.path("after").isTextual() ? Integer.parseInt(v.path("after").asText()) : 0;
        int to = Math.min(matching.size(), from + 2); // small pages, so polling has to follow them
        ObjectNode issuesNode = data.putObject("issues");
        ArrayNode nodes = issuesNode.putArray("nodes");
        matching.subList(from, to).forEach(i -> nodes.addObject().put("id", i.id).put("updatedAt", i.updatedAt.toString()));
        issuesNode.putObject("pageInfo").put("hasNextPage", to < matching.size()).put("endCursor", String.valueOf(to));
    }

    private ObjectNode state(Issue i, String after) {
        ObjectNode n = Json.object().put("id", i.id).put("identifier", i.identifier).put("url", i.url())
                .put("updatedAt", i.updatedAt.toString());
        ArrayNode labelNodes = n.putObject("labels").putArray("nodes");
        i.labelIds.forEach(id -> labelNodes.addObject().put("id", id).put("name", labels.get(id)));
        int from = after == null ? 0 : Integer.parseInt(after);
        int to = Math.min(i.history.size(), from + 3); // small pages, so reading has to follow them
        ObjectNode history = n.putObject("history");
        ArrayNode nodes = history.putArray("nodes");
        i.history.subList(from, to).forEach(nodes::add);
        history.putObject("pageInfo").put("hasNextPage", to < i.history.size()).put("endCursor", String.valueOf(to));
        ArrayNode comments = n.putObject("comments").putArray("nodes");
        i.comments.forEach(c -> comments.addObject().put("id", c.path("id").asText()).put("body", c.path("body").asText())
                .put("createdAt", c.path("createdAt").asText()).putObject("user").put("id", c.path("userId").asText()));
        return n;
    }

    private void record(Issue issue, String userId, List<String> added, List<String> removed) {
        User u = users.get(userId);
        ObjectNode h = Json.object().put("id", "hist-" + tick()).put("createdAt", now());
        ObjectNode actor = h.putObject("actor").put("id", u.id()).put("name", u.name()).put("email", u.email());
        added.forEach(h.putArray("addedLabelIds")::add);
        removed.forEach(h.putArray("removedLabelIds")::add);
        issue.history.add(h);
        issue.updatedAt = Instant.parse(h.path("createdAt").asText());
        actor.put("displayName", u.name());
    }

    private String idOf(String labelName) {
        return labels.entrySet().stream().filter(e -> e.getValue().equals(labelName)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new IllegalStateException("no label " + labelName));
    }

    /** Linear's clock: a second per change, so history order is unambiguous. */
    private String now() {
        return Instant.parse("2026-11-22T09:00:00Z").plusSeconds(ticks.get()).toString();
    }

    private int tick() {
        return ticks.incrementAndGet();
    }

    private static ObjectNode error(String message, String code) {
        ObjectNode body = Json.object();
        body.putArray("errors").addObject().put("message", message).putObject("extensions").put("type", "error")
                .put("code", code).put("userPresentableMessage", message);
        return body;
    }

    private static ResponseDefinition json(JsonNode body, int status) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(Json.write(body)).build();
    }
}
