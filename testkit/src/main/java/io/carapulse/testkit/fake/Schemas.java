package io.carapulse.testkit.fake;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds the small JSON schemas (draft 2020-12) of the fake actions. */
final class Schemas {

    static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Schemas() {
    }

    /** A closed object schema: unknown properties are refused, as the tool contract expects. */
    static ObjectNode object(ObjectNode properties, String... required) {
        ObjectNode schema = JSON.objectNode();
        schema.put("$schema", DRAFT_2020_12);
        schema.put("type", "object");
        schema.set("properties", properties);
        schema.putArray("required").addAll(java.util.Arrays.stream(required).map(JSON::textNode).toList());
        schema.put("additionalProperties", false);
        return schema;
    }

    static ObjectNode properties() {
        return JSON.objectNode();
    }

    /** A Kubernetes-style object name (DNS label), so fake plans look like real ones. */
    static ObjectNode name() {
        return JSON.objectNode()
                .put("type", "string")
                .put("pattern", "^[a-z0-9][a-z0-9-]{0,62}$")
                .put("description", "deployment name");
    }

    static ObjectNode integer(long minimum, long maximum, String description) {
        return JSON.objectNode()
                .put("type", "integer")
                .put("minimum", minimum)
                .put("maximum", maximum)
                .put("description", description);
    }

    static ObjectNode text(int minLength, int maxLength, String description) {
        return JSON.objectNode()
                .put("type", "string")
                .put("minLength", minLength)
                .put("maxLength", maxLength)
                .put("description", description);
    }
}
