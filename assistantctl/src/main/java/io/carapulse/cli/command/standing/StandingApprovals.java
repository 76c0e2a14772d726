package io.carapulse.cli.command.standing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.cli.http.ApiClient;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The standing approval API's paths, and bounds as one short text. */
final class StandingApprovals {

    static final String BASE = "/v1/standing-approvals";

    private StandingApprovals() {
    }

    static String path(String id) {
        return BASE + "/" + ApiClient.segment(id);
    }

    /** {@code name=web,api replicas=2..6}: each bound as {@code --bound} writes it, by parameter name. */
    static String compact(ObjectNode bounds) {
        if (bounds == null || bounds.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = bounds.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            parts.add(e.getKey() + "=" + bound(e.getValue()));
        }
        parts.sort(null);
        return String.join(" ", parts);
    }

    private static String bound(JsonNode b) {
        if (b.has("enum")) {
            List<String> values = new ArrayList<>();
            b.get("enum").forEach(v -> values.add(v.isTextual() ? v.asText() : v.toString()));
            return String.join(",", values);
        }
        return text(b.get("minimum")) + ".." + text(b.get("maximum"));
    }

    private static String text(JsonNode number) {
        return number == null || number.isNull() ? "" : number.toString();
    }
}
