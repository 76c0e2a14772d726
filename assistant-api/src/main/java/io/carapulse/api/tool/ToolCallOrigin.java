package io.carapulse.api.tool;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who and what a tool call is for, as the runtime knows it: the plan and execution it belongs to, the
 * step, why the call is made, and the people behind it. A family uses it to attribute the call at the
 * provider (an AWS STS session name and source identity, a Vault token's metadata …); it is never part
 * of the call's arguments and never decides what the call may do.
 *
 * @param planId       the plan the call belongs to
 * @param executionId  the execution running it (the same as {@link ToolContext#executionId()})
 * @param stepPosition the plan step's position (0 for the first step); a rollback and an inverse capture
 *                     carry the position of the step they undo
 * @param stage        {@value #ACT}, {@value #VERIFY}, {@value #ROLLBACK} (undoing a completed act step) or
 *                     {@value #INVERSE} (reading the state to undo to, before a reversible write acts)
 * @param environment  the plan's environment (the same as {@link ToolCall#environment()})
 * @param requester    who asked for the plan: the stable actor id the audit records ({@code oidc:<sub>},
 *                     {@code token:<id>}, {@code system}); for a chat read, the person chatting. It
 *                     contains {@code :}, so a provider that refuses that character must map it
 * @param approver     who approved the plan, as the audit records them ({@code oidc:<sub>}, {@code token:<id>},
 *                     {@code email:<address>} for a decision taken in Linear); empty for a plan that
 *                     only reads (no approval), such as a chat read
 */
public record ToolCallOrigin(
        String planId,
        String executionId,
        int stepPosition,
        String stage,
        String environment,
        String requester,
        Optional<String> approver) {

    /** A plan's act step. */
    public static final String ACT = "act";
    /** A plan's verify step. */
    public static final String VERIFY = "verify";
    /** The undoing of a completed act step after a verify step failed. */
    public static final String ROLLBACK = "rollback";
    /** The read a reversible write makes of the state to undo to, before it acts. */
    public static final String INVERSE = "inverse";

    private static final Set<String> STAGES = Set.of(ACT, VERIFY, ROLLBACK, INVERSE);

    public ToolCallOrigin {
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(requester, "requester");
        if (!STAGES.contains(stage)) {
            throw new IllegalArgumentException("stage must be one of " + STAGES + ", got " + stage);
        }
        if (stepPosition < 0) {
            throw new IllegalArgumentException("stepPosition must not be negative: " + stepPosition);
        }
        approver = approver == null ? Optional.empty() : approver.filter(a -> !a.isBlank());
    }

    /** The same origin for another stage (an inverse capture of the same step). */
    public ToolCallOrigin withStage(String newStage) {
        return new ToolCallOrigin(planId, executionId, stepPosition, newStage, environment, requester, approver);
    }
}
