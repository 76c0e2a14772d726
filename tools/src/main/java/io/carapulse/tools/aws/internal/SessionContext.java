package io.carapulse.tools.aws.internal;

import java.util.Objects;

/**
 * Who and what an assumed-role session is for, so CloudTrail attributes every AWS call to the person
 * who asked and the one who approved: the session name says which step, {@code SourceIdentity} the
 * requester, the session tags the plan, the approver and the environment.
 *
 * @param executionId the execution the step belongs to
 * @param stepIndex   the step's index in its plan, from 0
 * @param planId      the plan, or {@code null} (or blank) for a call outside a plan: its tag is left out
 * @param requester   who asked for the plan or the call
 * @param approver    who approved the plan, or {@code null} (or blank) for a read nobody approved: its tag
 *                    is left out
 * @param environment the environment the account belongs to
 */
public record SessionContext(String executionId, int stepIndex, String planId, String requester, String approver,
                             String environment) {

    public SessionContext {
        requireText(executionId, "executionId");
        requireText(requester, "requester");
        requireText(environment, "environment");
        if (stepIndex < 0) {
            throw new IllegalArgumentException("stepIndex must not be negative: " + stepIndex);
        }
        planId = planId == null || planId.isBlank() ? null : planId;
        approver = approver == null || approver.isBlank() ? null : approver;
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
