package io.carapulse.core.approval;

import java.util.EnumSet;
import java.util.Set;

/** A channel's lifecycle: announced once, then open until its approval ends. */
public enum ChannelStatus {
    /** The request has not reached the channel yet (first attempt due, or failing). */
    ANNOUNCING,
    /** The channel shows the request; updates follow the approval. */
    OPEN;

    static {
        ANNOUNCING.next = EnumSet.of(OPEN);
        OPEN.next = EnumSet.noneOf(ChannelStatus.class);
    }

    private Set<ChannelStatus> next;

    public boolean canMoveTo(ChannelStatus target) {
        return next.contains(target);
    }
}
