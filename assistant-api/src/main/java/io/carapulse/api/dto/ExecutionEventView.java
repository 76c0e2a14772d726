package io.carapulse.api.dto;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One event of an execution's stream, as sent over SSE ({@code id} is {@code seq}).
 *
 * @param type {@code execution.started}, {@code step.started}, {@code step.output}, {@code step.finished},
 *             {@code execution.held}, {@code execution.finished} (terminal)
 */
public record ExecutionEventView(long seq, String type, Instant at, JsonNode data) {
}
