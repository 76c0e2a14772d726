package io.carapulse.llm.auth;

import io.carapulse.api.llm.LlmException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The operations behind {@code assistantctl llm auth list|status|use|remove}. Nothing here returns
 * or prints a token; changes go through {@link ProfileStore#update}, so they are safe next to a
 * running server that refreshes.
 */
public final class AuthProfileAdmin {

    private final ProfileStore store;
    private final AuthEnv env;
    private final Clock clock;

    public AuthProfileAdmin(ProfileStore store, AuthEnv env, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.env = Objects.requireNonNull(env, "env");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Path storePath() {
        return store.path();
    }

    /** Every profile, sorted by id. */
    public List<ProfileSummary> list() {
        AuthProfiles profiles = store.read();
        return profiles.profiles().values().stream().map(p -> ProfileSummary.of(p, profiles.isDefault(p))).toList();
    }

    /** What {@code openai-codex} would use now; never throws for a missing or ambiguous profile. */
    public AuthStatus status() {
        if (env.get(AuthEnv.ACCESS_TOKEN).isPresent()) {
            return envStatus(env.get(AuthEnv.ACCESS_TOKEN).get());
        }
        AuthProfiles profiles;
        ProfileSelector.Selection selection;
        try {
            profiles = store.read();
            selection = new ProfileSelector(env).select(profiles, AuthProfile.CODEX_PROVIDER, store.path());
        } catch (LlmException.NotConfigured e) {
            return new AuthStatus(AuthStatus.State.NOT_CONFIGURED, null, null, null, null, null, e.getMessage());
        }
        AuthProfile p = selection.profile();
        Instant now = clock.instant();
        AuthStatus.State state;
        String detail;
        if (!RefreshPolicy.due(p, now)) {
            state = AuthStatus.State.VALID;
            detail = p.expiresAt() == null ? "valid (expiry unknown)" : "valid until " + p.expiresAt();
        } else if (p.type() == ProfileType.OAUTH) {
            state = AuthStatus.State.REFRESH_DUE;
            detail = (RefreshPolicy.expired(p, now) ? "expired at " + p.expiresAt() : "minted over 8 days ago")
                    + "; refreshed on next use";
        } else {
            state = AuthStatus.State.EXPIRED;
            detail = "expired at " + p.expiresAt() + " and holds no refresh token; sign in again with "
                    + RefreshErrors.LOGIN;
        }
        return new AuthStatus(state, p.credentialSource(), selection.reason().description(),
                ProfileSummary.of(p, profiles.isDefault(p)), p.accountId(), p.expiresAt(), detail);
    }

    private AuthStatus envStatus(String token) {
        CodexCredential credential;
        try {
            credential = new EnvTokenCredentialSource(token).current();
        } catch (LlmException.NotConfigured e) {
            return new AuthStatus(AuthStatus.State.NOT_CONFIGURED, null, AuthEnv.ACCESS_TOKEN, null, null, null, e.getMessage());
        }
        boolean expired = credential.expiresAt() != null && !clock.instant().isBefore(credential.expiresAt());
        return new AuthStatus(expired ? AuthStatus.State.EXPIRED : AuthStatus.State.VALID, credential.source(),
                AuthEnv.ACCESS_TOKEN + " (overrides every profile)", null, credential.accountId(), credential.expiresAt(),
                expired ? "OPENAI_ACCESS_TOKEN expired at " + credential.expiresAt() + " and cannot be refreshed; set a"
                        + " fresh one, or unset it to use the auth profiles"
                        : "valid" + (credential.expiresAt() == null ? "" : " until " + credential.expiresAt())
                        + "; the auth profiles are not used while OPENAI_ACCESS_TOKEN is set");
    }

    /**
     * Makes a profile its provider's default.
     *
     * @throws LlmException.NotConfigured when there is no such profile (the message lists those there are)
     */
    public ProfileSummary use(String id) {
        return store.update(profiles -> {
            AuthProfile profile = existing(profiles, id);
            AuthProfiles next = profiles.withDefault(profile);
            return new ProfileStore.Change<>(next, ProfileSummary.of(profile, true));
        });
    }

    /**
     * Deletes a profile (and its provider's default, when it was that). The tokens are forgotten, not
     * revoked.
     *
     * @throws LlmException.NotConfigured when there is no such profile
     */
    public ProfileSummary remove(String id) {
        return store.update(profiles -> {
            AuthProfile profile = existing(profiles, id);
            return new ProfileStore.Change<>(profiles.without(id), ProfileSummary.of(profile, profiles.isDefault(profile)));
        });
    }

    private AuthProfile existing(AuthProfiles profiles, String id) {
        return profiles.get(id).orElseThrow(() -> new LlmException.NotConfigured("no auth profile " + id + " in "
                + store.path() + " (profiles: " + profiles.describeIds() + ")"));
    }
}
