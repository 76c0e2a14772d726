package io.carapulse.llm.auth;

import io.carapulse.api.error.CarapulseException;
import io.carapulse.api.llm.LlmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ChatGPT credentials from the token sink, refreshed when due and after a 401. Every refresh runs
 * inside {@link ProfileStore#update}: under the cross-process lock, against the file as it is on disk
 * at that moment, so when several threads or processes find the same expired token only the first
 * refreshes and the others pick its result up.
 */
public final class ProfileCredentialSource implements CodexCredentialSource {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileCredentialSource.class);

    private final ProfileStore store;
    private final ProfileSelector selector;
    private final TokenRefresher refresher;
    private final Clock clock;

    public ProfileCredentialSource(ProfileStore store, ProfileSelector selector, TokenRefresher refresher, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.selector = Objects.requireNonNull(selector, "selector");
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CodexCredential current() {
        AuthProfile profile = select(store.read());
        if (!RefreshPolicy.due(profile, clock.instant())) {
            return credential(profile);
        }
        return credential(store.update(onDisk -> {
            AuthProfile latest = select(onDisk);
            Instant now = clock.instant();
            if (!RefreshPolicy.due(latest, now)) {
                return new ProfileStore.Change<>(onDisk, latest); // another thread or process refreshed it
            }
            if (latest.type() != ProfileType.OAUTH) {
                if (RefreshPolicy.expired(latest, now)) {
                    throw RefreshErrors.authExpired("auth profile " + latest.id() + " expired at "
                            + latest.expiresAt() + " and holds no refresh token");
                }
                return new ProfileStore.Change<>(onDisk, latest);
            }
            return refreshTolerantWhileValid(onDisk, latest, now);
        }));
    }

    @Override
    public CodexCredential afterUnauthorized(CodexCredential rejected) {
        Objects.requireNonNull(rejected, "rejected");
        return credential(store.update(onDisk -> {
            AuthProfile latest = select(onDisk);
            if (!latest.accessToken().equals(rejected.accessToken())) {
                LOG.info("auth profile {} was refreshed by another process; using its new token", latest.id());
                return new ProfileStore.Change<>(onDisk, latest);
            }
            if (latest.type() != ProfileType.OAUTH) {
                throw RefreshErrors.authExpired("the backend refused the token of auth profile " + latest.id()
                        + ", which holds no refresh token");
            }
            return refresh(onDisk, latest, clock.instant());
        }));
    }

    /**
     * A refresh that was only due by age: when it fails transiently, the still-valid token is used
     * and the refresh is tried again on the next call.
     */
    private ProfileStore.Change<AuthProfile> refreshTolerantWhileValid(AuthProfiles onDisk, AuthProfile profile, Instant now) {
        try {
            return refresh(onDisk, profile, now);
        } catch (LlmException.Unavailable e) {
            if (RefreshPolicy.expired(profile, now)) {
                throw e;
            }
            LOG.info("using the current token of auth profile {} until {}; the refresh is tried again on the next call",
                    profile.id(), profile.expiresAt());
            return new ProfileStore.Change<>(onDisk, profile);
        }
    }

    private ProfileStore.Change<AuthProfile> refresh(AuthProfiles onDisk, AuthProfile profile, Instant now) {
        RefreshedTokens tokens;
        try {
            tokens = refresher.refresh(profile);
        } catch (CarapulseException e) {
            LOG.warn("{}", e.getMessage());
            throw e;
        }
        AuthProfile refreshed = profile.refreshed(tokens, now);
        LOG.info("refreshed auth profile {}; the access token expires at {}", refreshed.id(), refreshed.expiresAt());
        return new ProfileStore.Change<>(onDisk.with(refreshed), refreshed);
    }

    private AuthProfile select(AuthProfiles profiles) {
        return selector.select(profiles, AuthProfile.CODEX_PROVIDER, store.path()).profile();
    }

    private static CodexCredential credential(AuthProfile profile) {
        String account = profile.accountId() != null ? profile.accountId()
                : JwtClaims.parseLeniently(profile.accessToken()).accountId();
        if (account == null) {
            throw new LlmException.NotConfigured("auth profile " + profile.id() + " names no ChatGPT account"
                    + " (no accountId, no account claim in its token); import it again");
        }
        return new CodexCredential(profile.accessToken(), account, profile.credentialSource(), profile.expiresAt());
    }
}
