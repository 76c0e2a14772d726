package io.carapulse.api.dto;

import java.util.List;

/** Body of {@code POST /v1/plans}. */
public record PlanCreateRequest(String environment, String summary, List<StepSpec> steps) {
}
