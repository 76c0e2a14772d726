package io.carapulse.cli.command.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.carapulse.api.dto.RunbookView;
import io.carapulse.cli.CliException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Turns {@code -p key=value} text into the JSON value of the parameter's declared type, as the server
 * binds them strictly: an {@code integer} becomes a JSON integer ({@code 3.5} and {@code abc} are
 * refused here, naming the parameter), a {@code number} a JSON number, a {@code boolean} only from
 * {@code true} or {@code false}, and a {@code string} is the text as given, never parsed
 * ({@code 007} stays {@code "007"}). A name the runbook does not declare is passed on as text, so the
 * server names it together with the parameters it takes. {@code standing-approval grant} types the
 * values of an {@code --bound NAME=a,b} the same way.
 */
public final class ParameterTyper {

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private ParameterTyper() {
    }

    static JsonNode type(RunbookView runbook, String key, String text) {
        return type(runbook, key, text, "-p " + key + "=" + text);
    }

    /**
     * {@code text} as the JSON value of parameter {@code key}'s declared type; a refusal (exit 2) is
     * led by {@code given}, the words on the command line that carried it.
     */
    public static JsonNode type(RunbookView runbook, String key, String text, String given) {
        JsonNode schema = runbook.parameters() == null ? null : runbook.parameters().get(key);
        String type = schema == null ? "string" : schema.path("type").asText("string");
        return switch (type) {
            case "integer" -> {
                if (!INTEGER.matcher(text).matches()) {
                    throw refused(runbook, key, given, "a whole number");
                }
                yield NODES.numberNode(new BigInteger(text));
            }
            case "number" -> {
                if (!NUMBER.matcher(text).matches()) {
                    throw refused(runbook, key, given, "a number");
                }
                yield NODES.numberNode(new BigDecimal(text));
            }
            case "boolean" -> {
                if (!text.equals("true") && !text.equals("false")) {
                    throw refused(runbook, key, given, "true or false");
                }
                yield NODES.booleanNode(Boolean.parseBoolean(text));
            }
            default -> NODES.textNode(text);
        };
    }

    /** A JSON number from {@code 3} (an integer), {@code 2.5} or {@code 1e3}; {@code null} when it is none. */
    public static JsonNode number(String text) {
        if (INTEGER.matcher(text).matches()) {
            return NODES.numberNode(new BigInteger(text));
        }
        return NUMBER.matcher(text).matches() ? NODES.numberNode(new BigDecimal(text)) : null;
    }

    /** {@code -p replicas=3.5: parameter replicas of runbook scale-service takes a whole number}. */
    private static CliException refused(RunbookView runbook, String key, String given, String expected) {
        return CliException.usage(given + ": parameter " + key + " of runbook " + runbook.name() + " takes " + expected);
    }
}
