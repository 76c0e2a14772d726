package io.carapulse.api.dto;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A step as a client (person, LLM, runbook) proposes it. Untrusted until the planning service has
 * validated it against the tool registry.
 *
 * @param tool           tool name, e.g. {@code kubectl}
 * @param action         action name, e.g. {@code scale}
 * @param args           arguments, checked against the action's JSON schema
 * @param stage          {@code act} (default) or {@code verify}
 * @param assertion      for verify steps, the check on the call's result (JSON name {@code assert})
 * @param timeoutSeconds optional, at most the action's default timeout
 * @param revertAfter    optional, for a reversible write: undo the change this long after the execution
 *                       succeeded ({@code 90m}, {@code 2h}, {@code 1d}); approved and fingerprinted with the step
 */
public record StepSpec(
        String tool,
        String action,
        ObjectNode args,
        String stage,
        @JsonProperty("assert") Assertion assertion,
        Integer timeoutSeconds,
        String revertAfter) {

    /** The constructor JSON binds (the record has another). */
    @JsonCreator
    public StepSpec {
    }

    /** A step that is not time-boxed. */
    public StepSpec(String tool, String action, ObjectNode args, String stage, Assertion assertion, Integer timeoutSeconds) {
        this(tool, action, args, stage, assertion, timeoutSeconds, null);
    }
}
