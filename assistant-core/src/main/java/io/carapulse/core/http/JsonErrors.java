package io.carapulse.core.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.carapulse.api.error.ProblemCode;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Says what is wrong with a request body in the client's terms: the JSON path of the offending
 * field and what was expected there ({@code steps[0].timeoutSeconds: expected a whole number}).
 * Never a Java type or library name: those describe our code, not the request.
 */
final class JsonErrors {

    record Problem(ProblemCode code, String detail) {
    }

    private JsonErrors() {
    }

    /** The problem for a JSON failure anywhere in the cause chain; empty when there is none. */
    static Optional<Problem> describe(Throwable error) {
        for (Throwable c = error; c != null; c = c.getCause()) {
            if (c instanceof JsonProcessingException j) {
                return Optional.of(describe(j));
            }
        }
        return Optional.empty();
    }

    private static Problem describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            String path = path(u);
            return invalid((path.isEmpty() ? String.valueOf(u.getPropertyName()) : path) + ": unknown field");
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            String allowed = Arrays.stream(f.getTargetType().getEnumConstants())
                    .map(v -> "'" + v.toString().toLowerCase(Locale.ROOT) + "'")
                    .collect(Collectors.joining(", "));
            return invalid(at(path(f)) + "expected one of " + allowed);
        }
        if (e instanceof ValueInstantiationException v && v.getCause() instanceof IllegalArgumentException iae
                && iae.getMessage() != null) {
            return invalid(at(path(v)) + iae.getMessage());
        }
        if (e instanceof MismatchedInputException m) {
            String path = path(m);
            String message = String.valueOf(m.getOriginalMessage());
            if (message.startsWith("Duplicate field")) {
                return duplicate(path, message);
            }
            if (message.contains("Trailing token")) {
                return malformed("the request body has content after its JSON value");
            }
            if (message.startsWith("No content to map") || message.contains("end-of-input")) {
                return malformed("the request body is empty or ends too early");
            }
            return invalid(at(path) + expected(m.getTargetType()));
        }
        if (e instanceof JsonMappingException m) {
            String path = path(m);
            if (String.valueOf(m.getOriginalMessage()).contains("Duplicate field")) {
                return duplicate(path, m.getOriginalMessage().substring(m.getOriginalMessage().indexOf("Duplicate field")));
            }
            return invalid(at(path) + "has a value of the wrong type");
        }
        if (e instanceof StreamConstraintsException) {
            return malformed("the request body nests or repeats beyond the server's limits");
        }
        if (e instanceof JsonParseException p) {
            String message = String.valueOf(p.getOriginalMessage());
            if (message.startsWith("Duplicate field")) {
                return duplicate("", message);
            }
            return malformed("the request body is not valid JSON" + location(p.getLocation()));
        }
        return malformed("the request body is not valid JSON");
    }

    private static Problem duplicate(String path, String message) {
        int start = message.indexOf('\'');
        int end = message.indexOf('\'', start + 1);
        String field = start >= 0 && end > start ? message.substring(start + 1, end) : "a field";
        return invalid(at(path) + "duplicate field '" + field + "': each field may appear once");
    }

    private static Problem invalid(String detail) {
        return new Problem(ProblemCode.VALIDATION_FAILED, detail);
    }

    private static Problem malformed(String detail) {
        return new Problem(ProblemCode.MALFORMED_REQUEST, detail);
    }

    private static String location(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String at(String path) {
        return path.isEmpty() ? "the request body: " : path + ": ";
    }

    /** {@code steps[0].args}, from Jackson's reference chain. */
    static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "has a value of the wrong type";
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "expected a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "expected true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "expected a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "expected a number";
        }
        if (type.isEnum()) {
            return "expected one of " + Arrays.stream(type.getEnumConstants())
                    .map(v -> "'" + v.toString().toLowerCase(Locale.ROOT) + "'")
                    .collect(Collectors.joining(", "));
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "expected an array";
        }
        if (Map.class.isAssignableFrom(type) || com.fasterxml.jackson.databind.node.ObjectNode.class.isAssignableFrom(type)) {
            return "expected an object";
        }
        if (type.isPrimitive() || type.getName().startsWith("java.")) {
            return "has a value of the wrong type";
        }
        return "expected an object";
    }
}
