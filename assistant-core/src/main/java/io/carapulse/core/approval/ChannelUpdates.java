package io.carapulse.core.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.approval.ChannelUpdate;
import io.carapulse.core.common.Json;
import java.util.Map;

/** How a {@link ChannelUpdate} is kept in the outbox: its type, then its fields. */
final class ChannelUpdates {

    private static final Map<String, Class<? extends ChannelUpdate>> TYPES = Map.of(
            "decided", ChannelUpdate.Decided.class,
            "refused", ChannelUpdate.Refused.class,
            "expired", ChannelUpdate.Expired.class,
            "superseded", ChannelUpdate.Superseded.class,
            "execution_ended", ChannelUpdate.ExecutionEnded.class);

    private ChannelUpdates() {
    }

    /** The update's type as stored: {@code decided}, {@code refused}, … */
    static String type(ChannelUpdate update) {
        return TYPES.entrySet().stream().filter(e -> e.getValue().isInstance(update)).findFirst()
                .orElseThrow().getKey();
    }

    static String write(ChannelUpdate update) {
        ObjectNode node = Json.object().put("type", type(update));
        node.set("update", Json.toTree(update));
        return Json.write(node);
    }

    static ChannelUpdate read(String json) {
        JsonNode node = Json.read(json);
        Class<? extends ChannelUpdate> type = TYPES.get(node.path("type").asText());
        if (type == null) {
            throw new IllegalStateException("unknown channel update type " + node.path("type").asText());
        }
        return Json.mapper().convertValue(node.path("update"), type);
    }
}
