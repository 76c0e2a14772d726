package io.carapulse.core.approval;

import java.util.EnumSet;
import java.util.Set;

/** An approval request's lifecycle; moved only by {@link ApprovalService}. */
public enum ApprovalStatus {
    PENDING,
    APPROVED,
    REJECTED,
    EXPIRED,
    /** The plan's steps changed after the request was raised: the approval no longer applies (S2). */
    VOIDED,
    /** Used by the execution it authorised; never again. */
    CONSUMED;

    static {
        PENDING.next = EnumSet.of(APPROVED, REJECTED, EXPIRED, VOIDED);
        APPROVED.next = EnumSet.of(CONSUMED, EXPIRED, VOIDED);
        REJECTED.next = EnumSet.noneOf(ApprovalStatus.class);
        EXPIRED.next = EnumSet.noneOf(ApprovalStatus.class);
        VOIDED.next = EnumSet.noneOf(ApprovalStatus.class);
        CONSUMED.next = EnumSet.noneOf(ApprovalStatus.class);
    }

    private Set<ApprovalStatus> next;

    public boolean canMoveTo(ApprovalStatus target) {
        return next.contains(target);
    }

    public boolean open() {
        return this == PENDING || this == APPROVED;
    }
}
