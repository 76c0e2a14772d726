package io.carapulse.core.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.dto.Assertion;
import io.carapulse.api.dto.StepSpec;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.core.common.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A runbook's content, checked: a parameterised plan template. Its step arguments take parameter
 * values by typed substitution only: an argument whose whole value is {@code "${params.replicas}"}
 * becomes the parameter's JSON value (a number stays a number); a parameter is never spliced into
 * a longer string. Only the summary, which is text for people, embeds parameters.
 *
 * @param name         {@code [a-z0-9][a-z0-9-]*}, at most 63 characters
 * @param description  what it does
 * @param environments where it may run; empty: everywhere
 * @param parameters   by name, in the order they were declared
 * @param summary      the plan summary template
 * @param steps        act steps
 * @param verify       verify steps
 */
public record RunbookDefinition(
        String name,
        String description,
        List<String> environments,
        Map<String, RunbookParameter> parameters,
        String summary,
        List<StepTemplate> steps,
        List<StepTemplate> verify) {

    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{params\\.([A-Za-z_][A-Za-z0-9_]{0,62})}");

    /**
     * One step of the template.
     *
     * @param revertAfter the step's time box ({@code 2h}), or {@code null}
     * @param when   include the step only when a parameter has one of some values, or {@code null}: always
     */
    public record StepTemplate(String tool, String action, ObjectNode args, JsonNode assertion, Integer timeoutSeconds,
                               String revertAfter, When when) {
    }

    /** {@code when: {param: operation, equals: upgrade}}. */
    public record When(String param, JsonNode equals) {
    }

    /** A run's plan: its summary, steps and the parameters it was made with (defaults filled in). */
    public record Instance(String summary, List<StepSpec> steps, ObjectNode params) {
    }

    public boolean runsIn(String environment) {
        return environments.isEmpty() || environments.contains(environment);
    }

    /** The definition as JSON, in the form it is stored, shown and hashed. */
    public ObjectNode toJson() {
        ObjectNode out = Json.object();
        out.put("name", name);
        out.put("description", description);
        ArrayNode envs = out.putArray("environments");
        environments.forEach(envs::add);
        ObjectNode params = out.putObject("parameters");
        parameters.forEach((k, p) -> params.set(k, p.schema()));
        out.put("summary", summary);
        out.set("steps", steps(steps));
        out.set("verify", steps(verify));
        return out;
    }

    static ArrayNode steps(List<StepTemplate> templates) {
        ArrayNode out = Json.mapper().createArrayNode();
        for (StepTemplate t : templates) {
            ObjectNode s = out.addObject();
            s.put("tool", t.tool());
            s.put("action", t.action());
            s.set("args", t.args());
            if (t.assertion() != null) {
                s.set("assert", t.assertion());
            }
            if (t.timeoutSeconds() != null) {
                s.put("timeoutSeconds", t.timeoutSeconds());
            }
            if (t.revertAfter() != null) {
                s.put("revertAfter", t.revertAfter());
            }
            if (t.when() != null) {
                ObjectNode w = s.putObject("when");
                w.put("param", t.when().param());
                w.set("equals", t.when().equals());
            }
        }
        return out;
    }

    /**
     * The plan a run with {@code given} parameters makes.
     *
     * @throws ProblemException {@code validation_failed} naming every parameter that is unknown,
     *                          missing or out of bounds, as {@code params.<name>}
     */
    public Instance instantiate(ObjectNode given) {
        ObjectNode supplied = given == null ? Json.object() : given;
        List<Map<String, Object>> errors = new ArrayList<>();
        for (Iterator<String> it = supplied.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!parameters.containsKey(key)) {
                errors.add(error("params." + key, parameters.isEmpty() ? "unknown; runbook " + name + " takes no parameters"
                        : "unknown; runbook " + name + " takes " + String.join(", ", parameters.keySet())));
            }
        }
        ObjectNode bound = Json.object();
        for (RunbookParameter p : parameters.values()) {
            JsonNode value = supplied.get(p.name());
            if (value == null) {
                if (p.defaultValue() != null) {
                    bound.set(p.name(), p.defaultValue());
                } else if (p.required()) {
                    errors.add(error("params." + p.name(), "required (" + p.type() + ")"
                            + (p.description().isEmpty() ? "" : ": " + p.description())));
                }
                continue;
            }
            String problem = p.check(value, false);
            if (problem != null) {
                errors.add(error("params." + p.name(), problem));
            } else {
                bound.set(p.name(), value);
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "the parameters do not fit runbook " + name + ": "
                    + errors.stream().map(e -> e.get("path") + " " + e.get("message")).reduce((a, b) -> a + "; " + b)
                    .orElse(""), Map.of("errors", errors));
        }
        List<StepSpec> specs = new ArrayList<>();
        add(specs, steps, "act", bound);
        add(specs, verify, "verify", bound);
        return new Instance(summary(bound), specs, bound);
    }

    private static void add(List<StepSpec> out, List<StepTemplate> templates, String stage, ObjectNode bound) {
        for (StepTemplate t : templates) {
            if (t.when() != null) {
                JsonNode actual = bound.get(t.when().param());
                if (actual == null || !actual.equals(t.when().equals())) {
                    continue;
                }
            }
            ObjectNode args = (ObjectNode) substitute(t.args(), bound);
            Assertion assertion = t.assertion() == null ? null
                    : Json.mapper().convertValue(t.assertion(), Assertion.class);
            out.add(new StepSpec(t.tool(), t.action(), args, stage, assertion, t.timeoutSeconds(), t.revertAfter()));
        }
    }

    /** A copy of {@code node} with every whole-value placeholder replaced; an absent optional parameter removes its field. */
    static JsonNode substitute(JsonNode node, ObjectNode bound) {
        if (node.isTextual()) {
            Matcher m = PLACEHOLDER.matcher(node.asText());
            return m.matches() ? bound.get(m.group(1)) : node;
        }
        if (node.isObject()) {
            ObjectNode out = Json.object();
            node.fields().forEachRemaining(e -> {
                JsonNode v = substitute(e.getValue(), bound);
                if (v != null) {
                    out.set(e.getKey(), v);
                }
            });
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = Json.mapper().createArrayNode();
            node.forEach(item -> {
                JsonNode v = substitute(item, bound);
                if (v != null) {
                    out.add(v);
                }
            });
            return out;
        }
        return node;
    }

    private String summary(ObjectNode bound) {
        Matcher m = PLACEHOLDER.matcher(summary);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode v = bound.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "" : v.isTextual() ? v.asText() : v.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Map<String, Object> error(String path, String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("path", path);
        e.put("message", message);
        return e;
    }
}
