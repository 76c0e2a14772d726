package io.carapulse.core.execution;

import io.carapulse.core.plan.PlanStatus;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** An execution's lifecycle; moved only by {@link ExecutionLifecycle}. */
public enum ExecutionStatus {
    QUEUED,
    RUNNING,
    ROLLING_BACK,
    /** A write's outcome is unknown after a restart; a person must say what happened (S10). */
    HELD,
    SUCCEEDED,
    FAILED,
    ROLLED_BACK,
    CANCELLED;

    static {
        QUEUED.next = EnumSet.of(RUNNING, CANCELLED, FAILED);
        RUNNING.next = EnumSet.of(SUCCEEDED, FAILED, ROLLING_BACK, HELD, CANCELLED);
        ROLLING_BACK.next = EnumSet.of(ROLLED_BACK, FAILED, HELD);
        HELD.next = EnumSet.of(RUNNING, ROLLING_BACK, FAILED, CANCELLED);
        SUCCEEDED.next = EnumSet.noneOf(ExecutionStatus.class);
        FAILED.next = EnumSet.noneOf(ExecutionStatus.class);
        ROLLED_BACK.next = EnumSet.noneOf(ExecutionStatus.class);
        CANCELLED.next = EnumSet.noneOf(ExecutionStatus.class);
    }

    private Set<ExecutionStatus> next;

    public boolean canMoveTo(ExecutionStatus target) {
        return next.contains(target);
    }

    public boolean terminal() {
        return next.isEmpty();
    }

    /** The plan state a terminal execution leaves its plan in. */
    public Optional<PlanStatus> planOutcome() {
        return switch (this) {
            case SUCCEEDED -> Optional.of(PlanStatus.SUCCEEDED);
            case FAILED -> Optional.of(PlanStatus.FAILED);
            case ROLLED_BACK -> Optional.of(PlanStatus.ROLLED_BACK);
            case CANCELLED -> Optional.of(PlanStatus.CANCELLED);
            default -> Optional.empty();
        };
    }
}
