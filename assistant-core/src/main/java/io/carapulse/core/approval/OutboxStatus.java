package io.carapulse.core.approval;

import java.util.EnumSet;
import java.util.Set;

/** An outbox entry's lifecycle: pending (and retried) until it is done. */
public enum OutboxStatus {
    PENDING,
    DONE;

    static {
        PENDING.next = EnumSet.of(DONE);
        DONE.next = EnumSet.noneOf(OutboxStatus.class);
    }

    private Set<OutboxStatus> next;

    public boolean canMoveTo(OutboxStatus target) {
        return next.contains(target);
    }
}
