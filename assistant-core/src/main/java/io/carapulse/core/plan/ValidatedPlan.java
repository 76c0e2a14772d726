package io.carapulse.core.plan;

import io.carapulse.api.tool.ActionClass;
import java.util.List;

/** A plan whose every step passed validation, with its fingerprint (S2). */
public record ValidatedPlan(String environment, String summary, List<ValidatedStep> steps, String fingerprint) {

    public ValidatedPlan {
        steps = List.copyOf(steps);
    }

    /** The same plan with {@code steps} (the same steps with their previews), fingerprinted again. */
    public ValidatedPlan withSteps(List<ValidatedStep> steps) {
        return new ValidatedPlan(environment, summary, steps, Fingerprint.of(environment, steps));
    }

    public boolean requiresApproval() {
        return steps.stream().anyMatch(s -> s.actionClass().writes());
    }

    public boolean breakGlass() {
        return steps.stream().anyMatch(s -> s.actionClass() == ActionClass.BREAK_GLASS);
    }
}
