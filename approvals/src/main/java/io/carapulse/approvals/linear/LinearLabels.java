package io.carapulse.approvals.linear;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.error.CarapulseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code approval:*} labels: found in the team (or workspace-wide), created in the team when
 * missing, remembered once known.
 */
final class LinearLabels {

    static final String PENDING = "approval:pending";
    static final String APPROVED = "approval:approved";
    static final String REJECTED = "approval:rejected";
    static final String EXPIRED = "approval:expired";
    static final String SUPERSEDED = "approval:superseded";
    static final List<String> ALL = List.of(PENDING, APPROVED, REJECTED, EXPIRED, SUPERSEDED);

    private static final Map<String, String> COLORS = Map.of(PENDING, "#f2c94c", APPROVED, "#4cb782",
            REJECTED, "#eb5757", EXPIRED, "#95a2b3", SUPERSEDED, "#95a2b3");

    private final LinearClient client;
    private final String teamId;
    private final Map<String, String> ids = new ConcurrentHashMap<>();

    LinearLabels(LinearClient client, String teamId) {
        this.client = client;
        this.teamId = teamId;
    }

    /** The id of every approval label, creating the missing ones. */
    Map<String, String> ensure() {
        if (ids.size() == ALL.size()) {
            return Map.copyOf(ids);
        }
        lookUp();
        for (String name : ALL) {
            if (!ids.containsKey(name)) {
                try {
                    ids.put(name, client.createLabel(teamId, name, COLORS.get(name)));
                } catch (CarapulseException e) {
                    lookUp(); // another replica may have created it a moment ago
                    if (!ids.containsKey(name)) {
                        throw e;
                    }
                }
            }
        }
        return Map.copyOf(ids);
    }

    String id(String name) {
        return ensure().get(name);
    }

    /** Forgets what it knows: a label may have been deleted or renamed in Linear. */
    void forget() {
        ids.clear();
    }

    /** Label id to name, for the labels known so far. */
    Map<String, String> names() {
        Map<String, String> out = new LinkedHashMap<>();
        ensure().forEach((name, id) -> out.put(id, name));
        return out;
    }

    private void lookUp() {
        for (JsonNode label : client.labels(ALL)) {
            String name = label.path("name").asText();
            String team = label.path("team").path("id").asText(null);
            // a label of our team wins over a workspace label of the same name; other teams' labels
            // cannot be put on our issues
            if (teamId.equals(team) || (team == null && !ids.containsKey(name))) {
                ids.put(name, label.path("id").asText());
            }
        }
    }
}
