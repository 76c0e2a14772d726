package io.carapulse.api.dto;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A verify step's check on the structured result of its call: the value at {@code pointer} (an RFC
 * 6901 JSON pointer such as {@code /status/readyReplicas}) compared with {@code value} by {@code op}
 * ({@code eq}, {@code ne}, {@code gt}, {@code gte}, {@code lt}, {@code lte}, {@code exists}).
 */
public record Assertion(String pointer, String op, JsonNode value) {
}
