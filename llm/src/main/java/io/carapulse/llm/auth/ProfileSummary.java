package io.carapulse.llm.auth;

import java.time.Instant;

/** A profile as {@code assistantctl llm auth list} shows it: everything but the tokens. */
public record ProfileSummary(
        String id,
        String provider,
        ProfileType type,
        String accountId,
        Instant expiresAt,
        String source,
        Instant lastRefresh,
        Instant importedAt,
        boolean isDefault) {

    static ProfileSummary of(AuthProfile profile, boolean isDefault) {
        return new ProfileSummary(profile.id(), profile.provider(), profile.type(), profile.accountId(),
                profile.expiresAt(), profile.source(), profile.lastRefresh(), profile.importedAt(), isDefault);
    }
}
