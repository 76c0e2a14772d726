package io.carapulse.api.dto;

/** Answer of {@code POST /v1/plans/{id}/execute}. */
public record ExecuteResponse(String executionId, String status) {
}
