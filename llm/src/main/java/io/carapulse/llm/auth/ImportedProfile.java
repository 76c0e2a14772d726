package io.carapulse.llm.auth;

import java.time.Instant;

/**
 * One profile an import wrote, safe to print.
 *
 * @param replaced  whether a profile with this id was there before (and is now overwritten)
 * @param isDefault whether it is its provider's default after the import
 */
public record ImportedProfile(
        String id,
        String provider,
        ProfileType type,
        String accountId,
        Instant expiresAt,
        boolean replaced,
        boolean isDefault) {

    static ImportedProfile of(AuthProfile profile, boolean replaced, boolean isDefault) {
        return new ImportedProfile(profile.id(), profile.provider(), profile.type(), profile.accountId(),
                profile.expiresAt(), replaced, isDefault);
    }

    /** {@code openai-codex:<account> (oauth, expires 2026-12-02T12:00:00Z, default, replaced)}. */
    public String describe() {
        return id + " (" + type + ", " + (expiresAt == null ? "expiry unknown" : "expires " + expiresAt)
                + (isDefault ? ", default" : "") + (replaced ? ", replaced the previous one" : "") + ")";
    }
}
