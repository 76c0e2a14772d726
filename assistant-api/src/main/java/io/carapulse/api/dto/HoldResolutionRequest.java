package io.carapulse.api.dto;

/**
 * Body of {@code POST /v1/executions/{id}/resolve}: a person's finding about a write whose outcome was
 * unknown after a restart.
 *
 * @param outcome {@code succeeded} (the write took effect: continue with the next step) or
 *                {@code failed} (it did not: end the execution as failed)
 * @param note    what the person checked
 */
public record HoldResolutionRequest(String outcome, String note) {
}
