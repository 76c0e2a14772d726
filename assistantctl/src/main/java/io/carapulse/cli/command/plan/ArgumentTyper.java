package io.carapulse.cli.command.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.dto.ActionView;
import io.carapulse.cli.CliException;
import io.carapulse.cli.output.Json;
import java.util.Map;

/**
 * Types {@code key=value} words by the action's argument schema, so {@code replicas=3} is a number
 * and {@code name=007} stays a string: a property the schema types as anything but a string is read
 * as JSON. {@code key:=json} is always JSON. Without a schema, values are strings.
 */
final class ArgumentTyper {

    private ArgumentTyper() {
    }

    static ObjectNode type(StepDraft step, ActionView action) {
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, String> e : step.args.entrySet()) {
            String key = e.getKey();
            String type = schemaType(action, key);
            if (step.json.get(key) || (type != null && !type.equals("string"))) {
                args.set(key, strict(step, key, e.getValue()));
            } else {
                args.put(key, e.getValue());
            }
        }
        return args;
    }

    /** The JSON type the schema gives {@code key} ({@code null} when it does not say). */
    static String schemaType(ActionView action, String key) {
        if (action == null || action.argumentSchema() == null) {
            return null;
        }
        JsonNode type = action.argumentSchema().path("properties").path(key).path("type");
        if (type.isTextual()) {
            return type.asText();
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
        }
        return null;
    }

    private static JsonNode strict(StepDraft step, String key, String text) {
        try {
            return Json.reader().readTree(text);
        } catch (JsonProcessingException e) {
            throw CliException.usage(step.name() + ": " + key + "=" + text + " is not valid JSON for a "
                    + (step.json.get(key) ? "':=' value" : "non-string argument") + " (quote strings with ':=' as \"…\")");
        }
    }

    /** JSON when the text parses as JSON, else the text as a string (assertion values). */
    static JsonNode loose(String text) {
        try {
            JsonNode n = Json.reader().readTree(text);
            return n == null || n.isMissingNode() ? JsonNodeFactory.instance.textNode(text) : n;
        } catch (JsonProcessingException e) {
            return JsonNodeFactory.instance.textNode(text);
        }
    }
}
