package io.carapulse.llm.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * When a profile's access token is refreshed before use, as the Codex CLI does it: its {@code exp}
 * has passed (with a little skew for clocks and the request in flight), or the tokens were minted
 * more than 8 days ago.
 */
public final class RefreshPolicy {

    public static final Duration SKEW = Duration.ofSeconds(60);
    public static final Duration MAX_AGE = Duration.ofDays(8);

    private RefreshPolicy() {
    }

    /** The access token's {@code exp} is passed, or within {@link #SKEW} of passing. */
    public static boolean expired(AuthProfile profile, Instant now) {
        return profile.expiresAt() != null && !now.plus(SKEW).isBefore(profile.expiresAt());
    }

    /** The tokens are older than {@link #MAX_AGE} (age from {@code lastRefresh}, else {@code importedAt}). */
    public static boolean stale(AuthProfile profile, Instant now) {
        Instant minted = profile.lastRefresh() != null ? profile.lastRefresh() : profile.importedAt();
        return minted.plus(MAX_AGE).isBefore(now);
    }

    /** Whether to refresh before the next request. */
    public static boolean due(AuthProfile profile, Instant now) {
        return expired(profile, now) || (profile.type() == ProfileType.OAUTH && stale(profile, now));
    }
}
