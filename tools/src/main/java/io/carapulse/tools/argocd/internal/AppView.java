package io.carapulse.tools.argocd.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What Carapulse reads from an Argo CD {@code Application} (as {@code argocd app get -o json} and
 * {@code GET /api/v1/applications/{name}} both return it): the project, health, sync status,
 * revision, last operation and deployment history.
 *
 * <p>The {@link #data()} shape, which verify assertions point into:
 * <pre>
 * {"name": "guestbook", "project": "default", "health": "Healthy", "sync": "Synced",
 *  "revision": "4f7e…", "operationPhase": "Succeeded", "operationStartedAt": "2024-…Z",
 *  "historyId": 3}
 * </pre>
 * Absent values are JSON {@code null}.
 */
public record AppView(JsonNode app) {

    public String name() {
        return text(app.path("metadata").path("name"));
    }

    public String project() {
        return text(app.path("spec").path("project"));
    }

    public String health() {
        return text(app.path("status").path("health").path("status"));
    }

    public String sync() {
        return text(app.path("status").path("sync").path("status"));
    }

    /** The revision of the last sync operation, else the revision the app is synced to. */
    public String revision() {
        String op = text(app.path("status").path("operationState").path("syncResult").path("revision"));
        return op != null ? op : text(app.path("status").path("sync").path("revision"));
    }

    public String operationPhase() {
        return text(app.path("status").path("operationState").path("phase"));
    }

    public String operationStartedAt() {
        return text(app.path("status").path("operationState").path("startedAt"));
    }

    /** The id of the last deployment in {@code status.history}: the state a rollback returns to. */
    public OptionalLong historyId() {
        JsonNode history = app.path("status").path("history");
        if (!history.isArray() || history.isEmpty()) {
            return OptionalLong.empty();
        }
        JsonNode id = history.get(history.size() - 1).path("id");
        return id.isIntegralNumber() ? OptionalLong.of(id.asLong()) : OptionalLong.empty();
    }

    /** The deployment history, oldest first: {@code [{"id": 0, "revision": "…", "deployedAt": "…"}]}. */
    public JsonNode history() {
        var out = JsonNodeFactory.instance.arrayNode();
        for (JsonNode h : app.path("status").path("history")) {
            ObjectNode item = out.addObject();
            item.set("id", h.path("id").isIntegralNumber() ? h.get("id") : JsonNodeFactory.instance.nullNode());
            item.put("revision", text(h.path("revision")));
            item.put("deployedAt", text(h.path("deployedAt")));
        }
        return out;
    }

    /** Healthy and Synced, with no operation still running: what {@code app wait --health --sync} waits for. */
    public boolean healthyAndSynced() {
        return "Healthy".equals(health()) && "Synced".equals(sync()) && !"Running".equals(operationPhase());
    }

    /** The object verify assertions point into (see the class comment). */
    public ObjectNode data() {
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("name", name());
        d.put("project", project());
        d.put("health", health());
        d.put("sync", sync());
        d.put("revision", revision());
        d.put("operationPhase", operationPhase());
        d.put("operationStartedAt", operationStartedAt());
        OptionalLong id = historyId();
        if (id.isPresent()) {
            d.put("historyId", id.getAsLong());
        } else {
            d.putNull("historyId");
        }
        return d;
    }

    /** Evidence ids after a write: the synced revision, the operation's start, the history id, health and sync. */
    public Map<String, String> externalIds() {
        Map<String, String> ids = new LinkedHashMap<>();
        put(ids, "revision", revision());
        put(ids, "operationStartedAt", operationStartedAt());
        historyId().ifPresent(id -> ids.put("historyId", Long.toString(id)));
        put(ids, "health", health());
        put(ids, "sync", sync());
        return ids;
    }

    private static void put(Map<String, String> ids, String key, String value) {
        if (value != null) {
            ids.put(key, value);
        }
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() && !node.asText().isEmpty() ? node.asText() : null;
    }
}
