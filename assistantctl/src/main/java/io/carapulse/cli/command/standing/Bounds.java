package io.carapulse.cli.command.standing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.dto.RunbookView;
import io.carapulse.cli.CliException;
import io.carapulse.cli.command.runbook.ParameterTyper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --bound NAME=MIN..MAX} and {@code --bound NAME=a,b,c} as the {@code bounds} of a grant. A
 * range's ends are JSON numbers (either may be left out) and are checked before the server is asked
 * anything; a list's values are typed by the parameter's declared type, as {@code -p} values are.
 */
final class Bounds {

    /** One {@code --bound}: its parameter, the words as given, and the text after {@code =}. */
    private record Bound(String name, String given, String value) {
        boolean range() {
            return value.contains("..");
        }
    }

    private final Map<String, Bound> bounds;

    private Bounds(Map<String, Bound> bounds) {
        this.bounds = bounds;
    }

    /** Reads the words; a malformed one, a parameter bounded twice or a range end that is no number is refused (exit 2). */
    static Bounds parse(List<String> words) {
        Map<String, Bound> out = new LinkedHashMap<>();
        for (String w : words == null ? List.<String>of() : words) {
            int eq = w.indexOf('=');
            if (eq <= 0 || eq == w.length() - 1) {
                throw CliException.usage("--bound " + w + ": expected NAME=MIN..MAX or NAME=A,B,…, e.g. --bound "
                        + "replicas=2..6 or --bound name=web,api");
            }
            Bound b = new Bound(w.substring(0, eq), "--bound " + w, w.substring(eq + 1));
            if (out.put(b.name(), b) != null) {
                throw CliException.usage("--bound " + b.name() + " is given twice");
            }
            if (b.range()) {
                range(b);
            }
        }
        return new Bounds(out);
    }

    /** The {@code bounds} object: ranges as minimum and maximum, lists as an enum typed by {@code runbook}. */
    ObjectNode json(RunbookView runbook) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        bounds.values().forEach(b -> out.set(b.name(), b.range() ? range(b) : list(b, runbook)));
        return out;
    }

    private static ObjectNode range(Bound b) {
        int dots = b.value().indexOf("..");
        String min = b.value().substring(0, dots);
        String max = b.value().substring(dots + 2);
        if (min.isEmpty() && max.isEmpty()) {
            throw CliException.usage(b.given() + ": give a minimum, a maximum or both, e.g. 2..6, 2.. or ..6");
        }
        ObjectNode range = JsonNodeFactory.instance.objectNode();
        end(b, range, "minimum", min);
        end(b, range, "maximum", max);
        return range;
    }

    private static void end(Bound b, ObjectNode range, String field, String text) {
        if (text.isEmpty()) {
            return;
        }
        JsonNode number = ParameterTyper.number(text);
        if (number == null) {
            throw CliException.usage(b.given() + ": the " + field + " '" + text + "' is not a number");
        }
        range.set(field, number);
    }

    private static ObjectNode list(Bound b, RunbookView runbook) {
        ArrayNode values = JsonNodeFactory.instance.arrayNode();
        for (String text : b.value().split(",", -1)) {
            values.add(ParameterTyper.type(runbook, b.name(), text, b.given()));
        }
        ObjectNode list = JsonNodeFactory.instance.objectNode();
        list.set("enum", values);
        return list;
    }
}
