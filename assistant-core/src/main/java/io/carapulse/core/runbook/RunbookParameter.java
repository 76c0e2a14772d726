package io.carapulse.core.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.core.common.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One declared parameter of a runbook: its type and the bounds a value must keep. Values bind
 * strictly: an {@code integer} is a JSON integer, never {@code "3"}; a string never a number.
 *
 * @param name        e.g. {@code replicas}
 * @param type        {@code string}, {@code integer}, {@code number} or {@code boolean}
 * @param description for people (and the model), may be empty
 * @param values      the allowed values ({@code enum}), or empty for any
 * @param minimum     inclusive lower bound of a number, or {@code null}
 * @param maximum     inclusive upper bound of a number, or {@code null}
 * @param minLength   shortest string, or {@code null}
 * @param maxLength   longest string, or {@code null}
 * @param pattern     a regular expression the whole string must match, or {@code null}
 * @param defaultValue the value when the run gives none, or {@code null} (then the parameter is
 *                    optional only if {@code required} is false)
 * @param required    a run must give a value (or there must be a default)
 */
public record RunbookParameter(
        String name,
        String type,
        String description,
        List<JsonNode> values,
        BigDecimal minimum,
        BigDecimal maximum,
        Integer minLength,
        Integer maxLength,
        Pattern pattern,
        JsonNode defaultValue,
        boolean required) {

    static final Set<String> TYPES = Set.of("string", "integer", "number", "boolean");
    private static final Set<String> KEYS = Set.of("type", "description", "enum", "minimum", "maximum", "minLength",
            "maxLength", "pattern", "default", "required");
    /** Strings are bounded even when the runbook says nothing: they end up in arguments and audit. */
    static final int MAX_STRING = 1000;

    /** Reads the schema of parameter {@code name} at {@code path}, adding every problem to {@code problems}. */
    static RunbookParameter parse(String name, JsonNode schema, String path, List<String> problems) {
        int before = problems.size();
        if (!schema.isObject()) {
            problems.add(path + ": must be an object such as {type: integer, minimum: 1}");
            return null;
        }
        for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                problems.add(path + "." + key + ": unknown; a parameter has " + String.join(", ", sorted(KEYS)));
            }
        }
        JsonNode typeNode = schema.get("type");
        String type = typeNode != null && typeNode.isTextual() ? typeNode.asText() : null;
        if (type == null || !TYPES.contains(type)) {
            problems.add(path + ".type: must be one of " + String.join(", ", sorted(TYPES)));
            return null;
        }
        boolean numeric = type.equals("integer") || type.equals("number");
        String description = text(schema, "description", path, problems);
        BigDecimal minimum = number(schema, "minimum", path, numeric, problems);
        BigDecimal maximum = number(schema, "maximum", path, numeric, problems);
        if (minimum != null && maximum != null && minimum.compareTo(maximum) > 0) {
            problems.add(path + ".maximum: is below minimum");
        }
        Integer minLength = length(schema, "minLength", path, type, problems);
        Integer maxLength = length(schema, "maxLength", path, type, problems);
        if (minLength != null && maxLength != null && minLength > maxLength) {
            problems.add(path + ".maxLength: is below minLength");
        }
        Pattern pattern = null;
        String regex = text(schema, "pattern", path, problems);
        if (regex != null) {
            if (!type.equals("string")) {
                problems.add(path + ".pattern: only a string parameter has a pattern");
            } else {
                try {
                    pattern = Pattern.compile(regex);
                } catch (PatternSyntaxException e) {
                    problems.add(path + ".pattern: not a regular expression (" + e.getDescription() + ")");
                }
            }
        }
        JsonNode required = schema.get("required");
        if (required != null && !required.isBoolean()) {
            problems.add(path + ".required: must be true or false");
        }
        List<JsonNode> values = new ArrayList<>();
        JsonNode enumNode = schema.get("enum");
        if (enumNode != null) {
            if (!enumNode.isArray() || enumNode.isEmpty()) {
                problems.add(path + ".enum: must be a non-empty list of values");
            } else {
                enumNode.forEach(values::add);
            }
        }
        if (problems.size() > before) {
            return null;
        }
        JsonNode def = schema.get("default");
        RunbookParameter p = new RunbookParameter(name, type, description == null ? "" : description, List.copyOf(values),
                minimum, maximum, minLength, maxLength, pattern, def,
                required == null ? def == null : required.asBoolean());
        for (int i = 0; i < values.size(); i++) {
            String problem = p.check(values.get(i), true);
            if (problem != null) {
                problems.add(path + ".enum[" + i + "]: " + problem);
            }
        }
        if (def != null) {
            String problem = p.check(def, false);
            if (problem != null) {
                problems.add(path + ".default: " + problem);
            }
        }
        return p;
    }

    /**
     * Why {@code value} is not a valid value of this parameter, or {@code null} when it is.
     *
     * @param typeOnly check only the type (for the {@code enum} list itself)
     */
    String check(JsonNode value, boolean typeOnly) {
        if (value == null || value.isNull()) {
            return "must be a " + type;
        }
        switch (type) {
            case "string" -> {
                if (!value.isTextual()) {
                    return "must be a string, not " + kind(value);
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                    return "must be a whole number, not " + kind(value);
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    return "must be a number, not " + kind(value);
                }
            }
            default -> {
                if (!value.isBoolean()) {
                    return "must be true or false, not " + kind(value);
                }
            }
        }
        if (typeOnly) {
            return null;
        }
        if (!values.isEmpty() && values.stream().noneMatch(v -> equal(v, value))) {
            return "must be one of " + values.stream().map(JsonNode::toString).toList();
        }
        if (value.isNumber()) {
            BigDecimal n = value.decimalValue();
            if (minimum != null && n.compareTo(minimum) < 0) {
                return "must be at least " + minimum.toPlainString();
            }
            if (maximum != null && n.compareTo(maximum) > 0) {
                return "must be at most " + maximum.toPlainString();
            }
        }
        if (value.isTextual()) {
            String s = value.asText();
            int length = s.codePointCount(0, s.length());
            if (minLength != null && length < minLength) {
                return "must be at least " + minLength + " characters long";
            }
            int max = maxLength == null ? MAX_STRING : maxLength;
            if (length > max) {
                return "must be at most " + max + " characters long";
            }
            if (s.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                return "must not contain control characters";
            }
            if (pattern != null && !pattern.matcher(s).matches()) {
                return "must match " + pattern.pattern();
            }
        }
        return null;
    }

    /** The schema as it is shown and stored (the same keys it was written with). */
    ObjectNode schema() {
        ObjectNode out = Json.object();
        out.put("type", type);
        if (!description.isEmpty()) {
            out.put("description", description);
        }
        if (!values.isEmpty()) {
            values.forEach(out.putArray("enum")::add);
        }
        if (minimum != null) {
            out.put("minimum", minimum);
        }
        if (maximum != null) {
            out.put("maximum", maximum);
        }
        if (minLength != null) {
            out.put("minLength", minLength);
        }
        if (maxLength != null) {
            out.put("maxLength", maxLength);
        }
        if (pattern != null) {
            out.put("pattern", pattern.pattern());
        }
        if (defaultValue != null) {
            out.set("default", defaultValue);
        }
        out.put("required", required);
        return out;
    }

    private static boolean equal(JsonNode a, JsonNode b) {
        return a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) == 0 : a.equals(b);
    }

    static String kind(JsonNode value) {
        if (value.isTextual()) {
            return "the text " + abbreviated(value.asText());
        }
        if (value.isNumber()) {
            return "the number " + value;
        }
        if (value.isBoolean()) {
            return value.toString();
        }
        return value.isArray() ? "a list" : value.isObject() ? "an object" : "null";
    }

    private static String abbreviated(String s) {
        return Json.write(s.length() > 40 ? s.substring(0, 40) + "…" : s);
    }

    private static String text(JsonNode schema, String key, String path, List<String> problems) {
        JsonNode n = schema.get(key);
        if (n == null) {
            return null;
        }
        if (!n.isTextual()) {
            problems.add(path + "." + key + ": must be text");
            return null;
        }
        return n.asText();
    }

    private static BigDecimal number(JsonNode schema, String key, String path, boolean numeric, List<String> problems) {
        JsonNode n = schema.get(key);
        if (n == null) {
            return null;
        }
        if (!numeric) {
            problems.add(path + "." + key + ": only an integer or number parameter has a " + key);
            return null;
        }
        if (!n.isNumber()) {
            problems.add(path + "." + key + ": must be a number");
            return null;
        }
        return n.decimalValue();
    }

    private static Integer length(JsonNode schema, String key, String path, String type, List<String> problems) {
        JsonNode n = schema.get(key);
        if (n == null) {
            return null;
        }
        if (!type.equals("string")) {
            problems.add(path + "." + key + ": only a string parameter has a " + key);
            return null;
        }
        if (!n.isIntegralNumber() || n.asLong() < 0 || n.asLong() > MAX_STRING) {
            problems.add(path + "." + key + ": must be a whole number from 0 to " + MAX_STRING);
            return null;
        }
        return n.asInt();
    }

    private static List<String> sorted(Set<String> set) {
        return set.stream().sorted().toList();
    }
}
