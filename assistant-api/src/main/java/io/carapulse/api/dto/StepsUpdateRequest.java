package io.carapulse.api.dto;

import java.util.List;

/** Body of {@code PUT /v1/plans/{id}/steps}: the complete new list of steps. */
public record StepsUpdateRequest(List<StepSpec> steps) {
}
