package io.carapulse.core.plan;

import java.util.EnumSet;
import java.util.Set;

/**
 * A plan's lifecycle (design §4). Each state names its allowed successors; {@link PlanLifecycle}
 * is the one place that moves a plan and audits the move.
 */
public enum PlanStatus {
    READY,
    AWAITING_APPROVAL,
    APPROVED,
    EXECUTING,
    SUCCEEDED,
    FAILED,
    ROLLED_BACK,
    CANCELLED,
    REJECTED,
    EXPIRED;

    static {
        // editing steps may move any not-yet-executed plan back to READY or AWAITING_APPROVAL
        READY.next = EnumSet.of(READY, AWAITING_APPROVAL, EXECUTING, CANCELLED);
        AWAITING_APPROVAL.next = EnumSet.of(READY, AWAITING_APPROVAL, APPROVED, REJECTED, EXPIRED, CANCELLED);
        APPROVED.next = EnumSet.of(READY, AWAITING_APPROVAL, EXECUTING, EXPIRED, CANCELLED);
        REJECTED.next = EnumSet.of(READY, AWAITING_APPROVAL);
        EXPIRED.next = EnumSet.of(READY, AWAITING_APPROVAL);
        EXECUTING.next = EnumSet.of(SUCCEEDED, FAILED, ROLLED_BACK, CANCELLED);
        SUCCEEDED.next = EnumSet.noneOf(PlanStatus.class);
        FAILED.next = EnumSet.noneOf(PlanStatus.class);
        ROLLED_BACK.next = EnumSet.noneOf(PlanStatus.class);
        CANCELLED.next = EnumSet.noneOf(PlanStatus.class);
    }

    private Set<PlanStatus> next;

    public boolean canMoveTo(PlanStatus target) {
        return next.contains(target);
    }

    /** Whether the plan's steps may still be edited (it has not started executing or ended). */
    public boolean editable() {
        return canMoveTo(AWAITING_APPROVAL);
    }

    public boolean terminal() {
        return next.isEmpty();
    }
}
