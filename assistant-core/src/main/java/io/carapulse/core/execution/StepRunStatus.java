package io.carapulse.core.execution;

import java.util.EnumSet;
import java.util.Set;

/** A step run's lifecycle (design §4). */
public enum StepRunStatus {
    PENDING,
    RUNNING,
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    CANCELLED,
    /** A write was in flight when the process died; nobody knows whether it happened (S10). */
    UNKNOWN,
    /** Not run: an earlier step failed, the execution was cancelled, or (rollback) nothing to undo. */
    SKIPPED;

    static {
        PENDING.next = EnumSet.of(RUNNING, SKIPPED, CANCELLED, FAILED);
        RUNNING.next = EnumSet.of(SUCCEEDED, FAILED, TIMED_OUT, CANCELLED, UNKNOWN, RUNNING);
        UNKNOWN.next = EnumSet.of(SUCCEEDED, FAILED);
        SUCCEEDED.next = EnumSet.noneOf(StepRunStatus.class);
        FAILED.next = EnumSet.noneOf(StepRunStatus.class);
        TIMED_OUT.next = EnumSet.noneOf(StepRunStatus.class);
        CANCELLED.next = EnumSet.noneOf(StepRunStatus.class);
        SKIPPED.next = EnumSet.noneOf(StepRunStatus.class);
    }

    private Set<StepRunStatus> next;

    public boolean canMoveTo(StepRunStatus target) {
        return next.contains(target);
    }
}
