package io.carapulse.core.execution;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.dto.Assertion;
import java.util.Optional;

/** Evaluates a verify step's assertion against the structured result of its call. */
final class Assertions {

    private Assertions() {
    }

    /** Empty when the assertion holds, otherwise why it does not. */
    static Optional<String> check(Assertion a, JsonNode data) {
        if (a == null) {
            return Optional.empty();
        }
        JsonNode actual = data == null ? null : data.at(a.pointer());
        boolean present = actual != null && !actual.isMissingNode() && !actual.isNull();
        if (a.op().equals("exists")) {
            return present ? Optional.empty() : Optional.of(a.pointer() + " is absent");
        }
        if (!present) {
            return Optional.of(a.pointer() + " is absent; expected " + a.op() + " " + a.value());
        }
        boolean ordering = switch (a.op()) {
            case "gt", "gte", "lt", "lte" -> true;
            default -> false;
        };
        if (ordering && !comparable(actual, a.value())) {
            // a failed check, never an exception: one escaping here left the step RUNNING for ever
            return Optional.of(a.pointer() + " is " + actual + "; cannot compare with " + a.op() + " " + a.value());
        }
        boolean holds = switch (a.op()) {
            case "eq" -> equal(actual, a.value());
            case "ne" -> !equal(actual, a.value());
            case "gt" -> compare(actual, a.value()) > 0;
            case "gte" -> compare(actual, a.value()) >= 0;
            case "lt" -> compare(actual, a.value()) < 0;
            case "lte" -> compare(actual, a.value()) <= 0;
            default -> false;
        };
        return holds ? Optional.empty()
                : Optional.of(a.pointer() + " is " + actual + "; expected " + a.op() + " " + a.value());
    }

    private static boolean equal(JsonNode actual, JsonNode expected) {
        if (actual.isNumber() && expected.isNumber()) {
            return actual.decimalValue().compareTo(expected.decimalValue()) == 0;
        }
        return actual.equals(expected);
    }

    private static boolean comparable(JsonNode actual, JsonNode expected) {
        return expected != null
                && (actual.isNumber() && expected.isNumber() || actual.isTextual() && expected.isTextual());
    }

    private static int compare(JsonNode actual, JsonNode expected) {
        if (actual.isNumber() && expected.isNumber()) {
            return actual.decimalValue().compareTo(expected.decimalValue());
        }
        if (actual.isTextual() && expected.isTextual()) {
            return actual.asText().compareTo(expected.asText());
        }
        throw new IllegalArgumentException("cannot order " + actual + " and " + expected);
    }
}
