package io.carapulse.core.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.dto.Assertion;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.StepPreview;

/**
 * A step that passed validation: its tool and action exist, its arguments match the schema, and
 * its class is the adapter's (S1). Only {@link PlanValidator} makes these; {@link StepPreviews} adds the
 * preview of a write whose action has one, before the plan is stored.
 */
public record ValidatedStep(
        int position,
        Stage stage,
        String tool,
        String action,
        ActionClass actionClass,
        ObjectNode args,
        Assertion assertion,
        Integer timeoutSeconds,
        StepPreview preview,
        java.time.Duration revertAfter) {

    public ValidatedStep {
        args = args.deepCopy();
    }

    /** A step that is not time-boxed. */
    public ValidatedStep(int position, Stage stage, String tool, String action, ActionClass actionClass, ObjectNode args,
                         Assertion assertion, Integer timeoutSeconds, StepPreview preview) {
        this(position, stage, tool, action, actionClass, args, assertion, timeoutSeconds, preview, null);
    }

    /** A step without a preview. */
    public ValidatedStep(int position, Stage stage, String tool, String action, ActionClass actionClass, ObjectNode args,
                         Assertion assertion, Integer timeoutSeconds) {
        this(position, stage, tool, action, actionClass, args, assertion, timeoutSeconds, null, null);
    }

    /** The same step with {@code preview}. */
    public ValidatedStep withPreview(StepPreview preview) {
        return new ValidatedStep(position, stage, tool, action, actionClass, args, assertion, timeoutSeconds, preview,
                revertAfter);
    }
}
