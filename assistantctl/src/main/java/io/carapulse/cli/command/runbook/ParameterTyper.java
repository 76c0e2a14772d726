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
 * server names it together with the parameters it takes.
 */
final class ParameterTyper {

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private ParameterTyper() {
    }

    static JsonNode type(RunbookView runbook, String key, String text) {
        JsonNode schema = runbook.parameters() == null ? null : runbook.parameters().get(key);
        String type = schema == null ? "string" : schema.path("type").asText("string");
        return switch (type) {
            case "integer" -> {
                if (!INTEGER.matcher(text).matches()) {
                    throw refused(runbook, key, text, "a whole number");
                }
                yield NODES.numberNode(new BigInteger(text));
            }
            case "number" -> {
                if (!NUMBER.matcher(text).matches()) {
                    throw refused(runbook, key, text, "a number");
                }
                yield NODES.numberNode(new BigDecimal(text));
            }
            case "boolean" -> {
                if (!text.equals("true") && !text.equals("false")) {
                    throw refused(runbook, key, text, "true or false");
                }
                yield NODES.booleanNode(Boolean.parseBoolean(text));
            }
            default -> NODES.textNode(text);
        };
    }

    /** {@code -p replicas=3.5: parameter replicas of runbook scale-service takes a whole number}. */
    private static CliException refused(RunbookView runbook, String key, String text, String expected) {
        return CliException.usage("-p " + key + "=" + text + ": parameter " + key + " of runbook " + runbook.name()
                + " takes " + expected);
    }
}
