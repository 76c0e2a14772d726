package io.carapulse.core.plan;

import io.carapulse.api.dto.Assertion;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.core.common.Json;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A {@code plan_step} row; {@code actionClass} is copied from the adapter at validation time (S1). */
@MappedEntity("plan_step")
public record PlanStepEntity(
        @Id @GeneratedValue @Nullable Long id,
        String planId,
        int position,
        String stage,
        String tool,
        String action,
        ActionClass actionClass,
        String argsJson,
        @Nullable String assertJson,
        @Nullable Integer timeoutSeconds,
        @Nullable String previewJson,
        @Nullable Long revertAfterSeconds) {

    /** The stored step as the validated step it was made from, for recomputing the fingerprint. */
    public ValidatedStep toValidated() {
        return new ValidatedStep(position, Stage.fromWire(stage).orElseThrow(), tool, action, actionClass,
                Json.readObject(argsJson), assertJson == null ? null : Json.read(assertJson, Assertion.class),
                timeoutSeconds, preview().orElse(null),
                revertAfterSeconds == null ? null : java.time.Duration.ofSeconds(revertAfterSeconds));
    }

    /** The preview stored with the step when the plan was made, if its action has one. */
    public java.util.Optional<io.carapulse.api.tool.StepPreview> preview() {
        return java.util.Optional.ofNullable(previewJson).map(StepPreviews::read);
    }
}
