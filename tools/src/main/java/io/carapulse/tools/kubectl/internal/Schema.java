package io.carapulse.tools.kubectl.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** Builds the closed draft 2020-12 argument schemas of kubectl actions. Every one has {@code namespace}. */
public final class Schema {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final ObjectNode root = F.objectNode();
    private final ObjectNode properties = root.putObject("properties");
    private final ArrayNode required = F.arrayNode();

    private Schema() {
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("type", "object");
        label("namespace", "namespace in the environment's inventory; -n is injected from it", true);
    }

    /** A schema with the required {@code namespace}. */
    public static Schema object() {
        return new Schema();
    }

    public Schema name(String field, String description, boolean mandatory) {
        return string(field, description, Args.NAME, 253, mandatory);
    }

    public Schema label(String field, String description, boolean mandatory) {
        return string(field, description, Args.LABEL, 63, mandatory);
    }

    public Schema kinds(List<Kind> kinds, boolean mandatory) {
        ObjectNode p = properties.putObject("kind").put("type", "string").put("description", "object kind");
        ArrayNode values = p.putArray("enum");
        Kind.args(kinds).forEach(values::add);
        return require("kind", mandatory);
    }

    public Schema integer(String field, String description, int min, int max, boolean mandatory) {
        properties.putObject(field).put("type", "integer").put("minimum", min).put("maximum", max)
                .put("description", description);
        return require(field, mandatory);
    }

    public Schema freeObject(String field, String description, boolean mandatory) {
        properties.putObject(field).put("type", "object").put("minProperties", 1).put("description", description);
        return require(field, mandatory);
    }

    public ObjectNode build() {
        ObjectNode copy = root.deepCopy();
        copy.set("required", required.deepCopy());
        copy.put("additionalProperties", false);
        return copy;
    }

    private Schema string(String field, String description, String pattern, int max, boolean mandatory) {
        properties.putObject(field).put("type", "string").put("pattern", pattern).put("maxLength", max)
                .put("description", description);
        return require(field, mandatory);
    }

    private Schema require(String field, boolean mandatory) {
        if (mandatory) {
            required.add(field);
        }
        return this;
    }
}
