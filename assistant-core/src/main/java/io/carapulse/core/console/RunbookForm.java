package io.carapulse.core.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.core.runbook.RunbookDefinition;
import io.carapulse.core.runbook.RunbookParameter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A runbook's run form: one labelled input per declared parameter (a number input for numbers, a
 * select for an enum or a boolean, text otherwise), and the posted values read back by declared type:
 * {@code "3"} for an integer becomes {@code 3}, a blank field is left out (the default applies, or the
 * run says the parameter is required). A value that is not of its type is refused here, by its
 * {@code params.x} path, as the run itself refuses one out of bounds.
 */
final class RunbookForm {

    /** The form field that carries parameter {@code x}. */
    static final String PREFIX = "p.";

    private RunbookForm() {
    }

    /**
     * The inputs, with {@code values} (what was posted, when the form is shown again) and {@code errors}
     * (path → message) filled in.
     */
    static List<Map<String, Object>> fields(RunbookDefinition d, Map<String, String> values, Map<String, String> errors) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RunbookParameter p : d.parameters().values()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", PREFIX + p.name());
            f.put("id", "param-" + p.name());
            f.put("label", p.name());
            f.put("type", p.type());
            f.put("description", p.description());
            boolean optional = !p.required() || p.defaultValue() != null;
            f.put("required", !optional);
            f.put("hint", hint(p, optional));
            String value = values.get(PREFIX + p.name());
            f.put("value", value != null ? value : "");
            String error = errors.get("params." + p.name());
            f.put("error", error);
            f.put("describedBy", "param-" + p.name() + "-hint" + (error == null ? "" : " param-" + p.name() + "-error"));
            List<String> options = new ArrayList<>();
            if (!p.values().isEmpty()) {
                p.values().forEach(v -> options.add(v.asText()));
            } else if (p.type().equals("boolean")) {
                options.addAll(List.of("true", "false"));
            }
            if (!options.isEmpty()) {
                f.put("input", "select");
                f.put("options", options);
                f.put("blankOption", optional); // leave it out: the default applies
            } else if (p.type().equals("integer") || p.type().equals("number")) {
                f.put("input", "number");
                f.put("step", p.type().equals("integer") ? "1" : "any");
                f.put("min", p.minimum() == null ? null : p.minimum().toPlainString());
                f.put("max", p.maximum() == null ? null : p.maximum().toPlainString());
            } else {
                f.put("input", "text");
                f.put("maxlength", p.maxLength());
            }
            out.add(f);
        }
        return out;
    }

    /**
     * The parameters the form posted, each by its declared type; blank fields left out; a field for a
     * parameter the runbook does not declare passed on as text (the run refuses it by name).
     *
     * @throws ProblemException {@code validation_failed} with {@code errors[].path} for values not of their type
     */
    static ObjectNode params(RunbookDefinition d, Map<String, String> form) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        List<Map<String, Object>> errors = new ArrayList<>();
        for (Map.Entry<String, String> e : form.entrySet()) {
            if (!e.getKey().startsWith(PREFIX) || e.getValue() == null || e.getValue().isBlank()) {
                continue;
            }
            String name = e.getKey().substring(PREFIX.length());
            RunbookParameter p = d.parameters().get(name);
            String text = p == null || p.type().equals("string") ? e.getValue() : e.getValue().strip();
            JsonNode value = p == null ? JsonNodeFactory.instance.textNode(text) : typed(p.type(), text);
            if (value == null) {
                errors.add(Map.of("path", "params." + name, "message", "must be " + article(p.type()) + ", not '" + text + "'"));
            } else {
                out.set(name, value);
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "the parameters do not fit runbook " + d.name() + ": "
                    + String.join("; ", errors.stream().map(x -> x.get("path") + " " + x.get("message")).toList()),
                    Map.of("errors", errors));
        }
        return out;
    }

    /** {@code text} as a JSON value of {@code type}, or null when it is not one. */
    private static JsonNode typed(String type, String text) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        try {
            return switch (type) {
                case "integer" -> {
                    BigInteger n = new BigInteger(text);
                    yield n.bitLength() < 32 ? json.numberNode(n.intValue()) : n.bitLength() < 64
                            ? json.numberNode(n.longValue()) : json.numberNode(n);
                }
                case "number" -> json.numberNode(new BigDecimal(text));
                case "boolean" -> "true".equals(text) ? json.booleanNode(true)
                        : "false".equals(text) ? json.booleanNode(false) : null;
                default -> json.textNode(text);
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String article(String type) {
        return switch (type) {
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            default -> "a string";
        };
    }

    /** Bounds, default and whether it is needed, in words. */
    static String hint(RunbookParameter p, boolean optional) {
        List<String> parts = new ArrayList<>();
        parts.add(p.type());
        if (p.minimum() != null) {
            parts.add("at least " + p.minimum().toPlainString());
        }
        if (p.maximum() != null) {
            parts.add("at most " + p.maximum().toPlainString());
        }
        if (p.minLength() != null) {
            parts.add("at least " + p.minLength() + " characters");
        }
        if (p.maxLength() != null) {
            parts.add("at most " + p.maxLength() + " characters");
        }
        if (p.pattern() != null) {
            parts.add("matching " + p.pattern().pattern());
        }
        if (!p.values().isEmpty()) {
            parts.add("one of " + String.join(", ", p.values().stream().map(JsonNode::asText).toList()));
        }
        if (p.defaultValue() != null) {
            parts.add("default " + p.defaultValue());
        }
        parts.add(optional ? "optional" : "required");
        return String.join("; ", parts);
    }
}
