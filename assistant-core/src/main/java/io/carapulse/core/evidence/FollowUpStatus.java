package io.carapulse.core.evidence;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A follow-up's lifecycle: pending (looked for again with backoff) until it is found, not found within
 * the time its tool allowed, or failed. The three ends are final.
 */
public enum FollowUpStatus {
    PENDING,
    FOUND,
    NOT_FOUND,
    FAILED;

    static {
        PENDING.next = EnumSet.of(PENDING, FOUND, NOT_FOUND, FAILED);
        FOUND.next = EnumSet.noneOf(FollowUpStatus.class);
        NOT_FOUND.next = EnumSet.noneOf(FollowUpStatus.class);
        FAILED.next = EnumSet.noneOf(FollowUpStatus.class);
    }

    private Set<FollowUpStatus> next;

    public boolean canMoveTo(FollowUpStatus target) {
        return next.contains(target);
    }

    public boolean terminal() {
        return next.isEmpty();
    }

    /** As the API shows it: {@code pending}, {@code found}, {@code not_found}, {@code failed}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
