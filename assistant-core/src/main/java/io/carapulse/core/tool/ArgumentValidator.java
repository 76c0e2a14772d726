package io.carapulse.core.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.carapulse.api.tool.ActionDescriptor;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks tool-call arguments against the action's JSON schema (draft 2020-12); schemas compiled once.
 *
 * <p>Every {@code pattern} matches the <em>whole</em> string: a JSON Schema pattern is a search, and
 * in Java's regex {@code $} also matches before a final line terminator, so {@code ^[a-z]+$} would
 * accept {@code "web\n"}. Each pattern is compiled as {@code ^(?:pattern)\z} instead.
 */
@Singleton
public class ArgumentValidator {

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final Map<ActionDescriptor, JsonSchema> compiled = new ConcurrentHashMap<>();

    /** Human-readable problems, empty when {@code args} is valid. */
    public List<String> problems(ActionDescriptor action, JsonNode args) {
        JsonSchema schema = compiled.computeIfAbsent(action, d -> factory.getSchema(wholeString(d.argumentSchema())));
        return schema.validate(args).stream()
                .map(ValidationMessage::getMessage)
                .map(ArgumentValidator::userTerms)
                .sorted()
                .toList();
    }

    private static final java.util.regex.Pattern WRAPPED = java.util.regex.Pattern.compile("\\^\\(\\?:(.*)\\)\\\\z");

    /**
     * A validator message in the caller's terms: {@code name} rather than {@code $.name}, the pattern as
     * the schema in {@code GET /v1/tools} states it rather than as this class anchors it.
     */
    static String userTerms(String message) {
        String m = message.startsWith("$: ") ? message.substring(3)
                : message.startsWith("$.") ? message.substring(2) : message;
        m = m.replace("does not match the regex pattern ", "does not match the pattern ");
        java.util.regex.Matcher wrapped = WRAPPED.matcher(m);
        return wrapped.find() ? m.substring(0, wrapped.start()) + wrapped.group(1) + m.substring(wrapped.end()) : m;
    }

    /** A copy of {@code schema} whose every {@code pattern} must match the whole string. */
    static JsonNode wholeString(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        anchor(copy);
        return copy;
    }

    private static void anchor(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            JsonNode pattern = object.get("pattern");
            if (pattern != null && pattern.isTextual()) {
                object.put("pattern", "^(?:" + pattern.asText() + ")\\z");
            }
            object.properties().forEach(e -> {
                if (e.getValue().isContainerNode()) {
                    anchor(e.getValue());
                }
            });
        } else if (node.isArray()) {
            node.forEach(ArgumentValidator::anchor);
        }
    }
}
