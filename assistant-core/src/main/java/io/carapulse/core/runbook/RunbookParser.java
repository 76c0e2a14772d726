package io.carapulse.core.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ToolAdapter;
import io.carapulse.core.runbook.RunbookDefinition.StepTemplate;
import io.carapulse.core.runbook.RunbookDefinition.When;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a runbook definition (the YAML file or the API's JSON, as a tree) strictly: unknown keys,
 * wrong types, undeclared parameters, unknown tools and actions, unknown environments and
 * placeholders spliced into text are refused, each problem led by its exact path
 * ({@code steps[1].args.replicas: …}).
 */
final class RunbookParser {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Set<String> KEYS = Set.of("name", "description", "environments", "parameters", "summary",
            "steps", "verify");
    private static final Set<String> STEP_KEYS = Set.of("tool", "action", "args", "assert", "timeoutSeconds", "revertAfter",
            "when");
    static final int MAX_STEPS = 50;

    private final Function<String, Optional<ToolAdapter>> tools;
    private final Predicate<String> environmentExists;

    /**
     * @param tools             the catalog to check tools and actions against, or {@code null} to
     *                          skip that check (reading a version recorded earlier)
     * @param environmentExists whether an environment is configured, or {@code null} to skip
     */
    RunbookParser(Function<String, Optional<ToolAdapter>> tools, Predicate<String> environmentExists) {
        this.tools = tools;
        this.environmentExists = environmentExists;
    }

    /** A parser for definitions recorded earlier: the tool catalog and environments may have changed since. */
    static RunbookParser stored() {
        return new RunbookParser(null, null);
    }

    /**
     * @param what how to name the definition in the error ({@code runbook file /etc/…/scale.yaml})
     * @throws InvalidRunbook with every problem found
     */
    RunbookDefinition parse(JsonNode root, String what) {
        List<String> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new InvalidRunbook(what, List.of("$: must be a mapping with name, description, parameters, summary, steps"));
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                problems.add(key + ": unknown; a runbook has " + String.join(", ", KEYS.stream().sorted().toList()));
            }
        }
        String name = requiredText(root, "name", problems);
        if (name != null && !NAME.matcher(name).matches()) {
            problems.add("name: must be lower-case letters, digits and '-', starting with a letter or digit, at most 63 characters");
        }
        String description = requiredText(root, "description", problems);
        if (description != null && description.length() > 2000) {
            problems.add("description: at most 2000 characters");
        }
        List<String> environments = new ArrayList<>();
        JsonNode envs = root.get("environments");
        if (envs != null && !envs.isNull()) {
            if (!envs.isArray()) {
                problems.add("environments: must be a list of environment names (leave it out for every environment)");
            } else {
                for (int i = 0; i < envs.size(); i++) {
                    JsonNode e = envs.get(i);
                    if (!e.isTextual()) {
                        problems.add("environments[" + i + "]: must be an environment name");
                    } else if (environmentExists != null && !environmentExists.test(e.asText())) {
                        problems.add("environments[" + i + "]: no environment '" + e.asText() + "' is configured");
                    } else if (!environments.contains(e.asText())) {
                        environments.add(e.asText());
                    }
                }
            }
        }
        Map<String, RunbookParameter> parameters = new LinkedHashMap<>();
        JsonNode params = root.get("parameters");
        if (params != null && !params.isNull()) {
            if (!params.isObject()) {
                problems.add("parameters: must be a mapping of parameter name to its schema");
            } else {
                params.fields().forEachRemaining(e -> {
                    String path = "parameters." + e.getKey();
                    if (!PARAM_NAME.matcher(e.getKey()).matches()) {
                        problems.add(path + ": a parameter name is letters, digits and '_', not starting with a digit");
                        return;
                    }
                    RunbookParameter p = RunbookParameter.parse(e.getKey(), e.getValue(), path, problems);
                    if (p != null) {
                        parameters.put(e.getKey(), p);
                    }
                });
            }
        }
        String summary = requiredText(root, "summary", problems);
        if (summary != null) {
            placeholders(summary, "summary", parameters, problems);
            if (summary.length() > 300) {
                problems.add("summary: at most 300 characters (parameters are filled in at run time)");
            }
        }
        List<StepTemplate> steps = steps(root.get("steps"), "steps", parameters, problems, true);
        List<StepTemplate> verify = steps(root.get("verify"), "verify", parameters, problems, false);
        if (steps.size() + verify.size() > MAX_STEPS) {
            problems.add("steps: at most " + MAX_STEPS + " steps and verify steps together");
        }
        if (!problems.isEmpty()) {
            throw new InvalidRunbook(what, problems);
        }
        return new RunbookDefinition(name, description, List.copyOf(environments), parameters, summary,
                List.copyOf(steps), List.copyOf(verify));
    }

    private List<StepTemplate> steps(JsonNode node, String field, Map<String, RunbookParameter> parameters,
                                     List<String> problems, boolean required) {
        List<StepTemplate> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            if (required) {
                problems.add(field + ": required; a runbook has at least one step");
            }
            return out;
        }
        if (!node.isArray() || (required && node.isEmpty())) {
            problems.add(field + ": must be a list of steps" + (required ? ", at least one" : ""));
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            String path = field + "[" + i + "]";
            StepTemplate t = step(node.get(i), path, parameters, problems);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    private StepTemplate step(JsonNode s, String path, Map<String, RunbookParameter> parameters, List<String> problems) {
        if (!s.isObject()) {
            problems.add(path + ": must be a mapping with tool, action and args");
            return null;
        }
        int before = problems.size();
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!STEP_KEYS.contains(key)) {
                problems.add(path + "." + key + ": unknown; a step has " + String.join(", ", STEP_KEYS.stream().sorted().toList()));
            }
        }
        String tool = requiredText(s, "tool", path, problems);
        String action = requiredText(s, "action", path, problems);
        if (tool != null && action != null && tools != null) {
            Optional<ToolAdapter> adapter = tools.apply(tool);
            if (adapter.isEmpty()) {
                problems.add(path + ".tool: no tool '" + tool + "' in this server's catalog");
            } else if (adapter.get().actions().stream().noneMatch(a -> a.descriptor().name().equals(action))) {
                problems.add(path + ".action: tool " + tool + " has no action '" + action + "' (it has "
                        + String.join(", ", adapter.get().actions().stream().map(a -> a.descriptor().name()).sorted().toList())
                        + ")");
            }
        }
        JsonNode args = s.get("args");
        ObjectNode argsObject = null;
        if (args == null || args.isNull()) {
            argsObject = io.carapulse.core.common.Json.object();
        } else if (!args.isObject()) {
            problems.add(path + ".args: must be a mapping of argument name to value");
        } else {
            argsObject = (ObjectNode) args;
            values(argsObject, path + ".args", parameters, problems);
        }
        JsonNode assertion = s.get("assert");
        if (assertion != null && !assertion.isObject()) {
            problems.add(path + ".assert: must be a mapping with pointer, op and value");
        }
        Integer timeout = null;
        JsonNode t = s.get("timeoutSeconds");
        if (t != null) {
            if (!t.isIntegralNumber() || t.asLong() < 1 || t.asLong() > 86_400) {
                problems.add(path + ".timeoutSeconds: must be a whole number of seconds from 1 to 86400");
            } else {
                timeout = t.asInt();
            }
        }
        String revertAfter = null;
        JsonNode r = s.get("revertAfter");
        if (r != null) {
            if (!r.isTextual() || io.carapulse.core.common.Durations.parse(r.asText()).isEmpty()) {
                problems.add(path + ".revertAfter: must be a whole number of minutes, hours or days such as 90m, 2h or 1d");
            } else {
                revertAfter = r.asText();
            }
        }
        When when = null;
        JsonNode w = s.get("when");
        if (w != null) {
            if (!w.isObject() || !w.path("param").isTextual() || !w.has("equals") || w.size() != 2) {
                problems.add(path + ".when: must be {param: <parameter>, equals: <value>}");
            } else if (!parameters.containsKey(w.get("param").asText())) {
                problems.add(path + ".when.param: no parameter '" + w.get("param").asText() + "' is declared");
            } else {
                String problem = parameters.get(w.get("param").asText()).check(w.get("equals"), true);
                if (problem != null) {
                    problems.add(path + ".when.equals: " + problem);
                }
                when = new When(w.get("param").asText(), w.get("equals"));
            }
        }
        return problems.size() > before ? null : new StepTemplate(tool, action, argsObject,
                assertion == null ? null : assertion.deepCopy(), timeout, revertAfter, when);
    }

    /** Checks every placeholder under {@code node}: whole values only, declared parameters only. */
    private static void values(JsonNode node, String path, Map<String, RunbookParameter> parameters, List<String> problems) {
        if (node.isTextual()) {
            String text = node.asText();
            Matcher whole = RunbookDefinition.PLACEHOLDER.matcher(text);
            if (whole.matches()) {
                if (!parameters.containsKey(whole.group(1))) {
                    problems.add(path + ": no parameter '" + whole.group(1) + "' is declared");
                }
            } else if (text.contains("${")) {
                problems.add(path + ": a parameter can only be a whole value (\"${params.name}\"), never part of"
                        + " a longer text, so a value can never change what a command says");
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> values(e.getValue(), path + "." + e.getKey(), parameters, problems));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                values(node.get(i), path + "[" + i + "]", parameters, problems);
            }
        }
    }

    private static void placeholders(String text, String path, Map<String, RunbookParameter> parameters,
                                     List<String> problems) {
        Matcher m = RunbookDefinition.PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!parameters.containsKey(m.group(1))) {
                problems.add(path + ": no parameter '" + m.group(1) + "' is declared");
            }
        }
        if (m.replaceAll("").contains("${")) {
            problems.add(path + ": a placeholder is written ${params.name}");
        }
    }

    private static String requiredText(JsonNode node, String key, List<String> problems) {
        return requiredText(node, key, null, problems);
    }

    private static String requiredText(JsonNode node, String key, String path, List<String> problems) {
        String where = path == null ? key : path + "." + key;
        JsonNode n = node.get(key);
        if (n == null || n.isNull()) {
            problems.add(where + ": required");
            return null;
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            problems.add(where + ": must be non-empty text");
            return null;
        }
        return n.asText();
    }
}
