package io.carapulse.tools.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.tools.aws.internal.SdkJson;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers for the JSON the actions read (the CLI's shape) and the data they return. */
final class AwsJson {

    private AwsJson() {
    }

    static ObjectNode object() {
        return SdkJson.MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return SdkJson.MAPPER.createArrayNode();
    }

    /** {@code [{Key, Value}, …]} as a map. */
    static Map<String, String> tags(JsonNode tagList) {
        Map<String, String> tags = new LinkedHashMap<>();
        tagList.forEach(t -> tags.put(t.path("Key").asText(), t.path("Value").asText()));
        return tags;
    }

    static ObjectNode tagsNode(JsonNode tagList) {
        ObjectNode node = object();
        tags(tagList).forEach(node::put);
        return node;
    }

    static ToolException notFound(String message) {
        return new ToolException(ToolFailure.NOT_FOUND, message, null);
    }
}
