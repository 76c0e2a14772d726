package io.carapulse.tools.kubectl.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads validated arguments again in code (S5): the schema already refused bad values, and this
 * refuses them a second time so a caller that skipped validation still cannot inject an option.
 */
public final class Args {

    /** A DNS-1123 label: namespaces and container names. */
    public static final String LABEL = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";
    /** A DNS-1123 subdomain: object names. */
    public static final String NAME = "^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$";

    private static final Pattern LABEL_PATTERN = Pattern.compile(LABEL);
    private static final Pattern NAME_PATTERN = Pattern.compile(NAME);

    private Args() {
    }

    /** The required object name {@code field}. */
    public static String name(ObjectNode args, String field) {
        return optionalName(args, field).orElseThrow(() -> invalid(field + " is required"));
    }

    /** The object name {@code field}, when present. */
    public static Optional<String> optionalName(ObjectNode args, String field) {
        return text(args, field).map(v -> check(field, v, NAME_PATTERN));
    }

    /** The DNS label {@code field} (namespace, container), when present. */
    public static Optional<String> optionalLabel(ObjectNode args, String field) {
        return text(args, field).map(v -> check(field, v, LABEL_PATTERN));
    }

    /** The integer {@code field} in [min, max], or {@code fallback} when absent. */
    public static int integer(ObjectNode args, String field, int min, int max, int fallback) {
        JsonNode v = args.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            throw invalid(field + " must be an integer in [" + min + ", " + max + "]");
        }
        return v.asInt();
    }

    /** The required integer {@code field} in [min, max]. */
    public static int requiredInteger(ObjectNode args, String field, int min, int max) {
        if (args.get(field) == null) {
            throw invalid(field + " is required");
        }
        return integer(args, field, min, max, min);
    }

    /** The text of {@code field}, which must be a string when present. */
    public static Optional<String> text(ObjectNode args, String field) {
        JsonNode v = args.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw invalid(field + " must be a string");
        }
        return Optional.of(v.asText());
    }

    private static String check(String field, String value, Pattern pattern) {
        if (value.startsWith("-") || !pattern.matcher(value).matches()) {
            throw invalid(field + " '" + value + "' is not a valid Kubernetes name");
        }
        return value;
    }

    public static ToolException invalid(String message) {
        return new ToolException(ToolFailure.INVALID_ARGUMENTS, message, null);
    }
}
