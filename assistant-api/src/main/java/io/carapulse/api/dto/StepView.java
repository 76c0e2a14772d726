package io.carapulse.api.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;

/**
 * A validated step of a plan, with the class the adapter declares for its action (S1), and for a write
 * whose action previews its change (a proposed pull request), what it will change: approved and
 * fingerprinted with the step.
 */
public record StepView(
        int position,
        String stage,
        String tool,
        String action,
        @JsonProperty("class") ActionClass actionClass,
        ObjectNode args,
        @JsonProperty("assert") Assertion assertion,
        Integer timeoutSeconds,
        StepPreviewView preview,
        String revertAfter) {

    /** A step that is not time-boxed. */
    public StepView(int position, String stage, String tool, String action, ActionClass actionClass, ObjectNode args,
                    Assertion assertion, Integer timeoutSeconds, StepPreviewView preview) {
        this(position, stage, tool, action, actionClass, args, assertion, timeoutSeconds, preview, null);
    }

    /** A step without a preview. */
    public StepView(int position, String stage, String tool, String action, ActionClass actionClass, ObjectNode args,
                    Assertion assertion, Integer timeoutSeconds) {
        this(position, stage, tool, action, actionClass, args, assertion, timeoutSeconds, null, null);
    }
}
