package io.carapulse.llm.auth;

import java.time.Clock;

/** Chooses where the {@code openai-codex} provider's token comes from. */
public final class CodexCredentials {

    private CodexCredentials() {
    }

    /**
     * {@code OPENAI_ACCESS_TOKEN} when set (it overrides every profile), else the profile selected
     * from the token sink at {@code $CARAPULSE_AUTH_PATH} / {@code ~/.carapulse/auth-profiles.json}.
     * Nothing is read yet: a missing profile shows up on the first {@link CodexCredentialSource#current()}.
     *
     * @throws io.carapulse.api.llm.LlmException.NotConfigured when {@code OPENAI_ACCESS_TOKEN} is malformed
     */
    public static CodexCredentialSource fromEnvironment(AuthEnv env, OAuthSettings oauth, Clock clock) {
        return env.get(AuthEnv.ACCESS_TOKEN)
                .<CodexCredentialSource>map(EnvTokenCredentialSource::new)
                .orElseGet(() -> new ProfileCredentialSource(ProfileStore.at(env), new ProfileSelector(env),
                        new TokenRefresher(oauth), clock));
    }

    /** {@link #fromEnvironment} with the process environment, the real token endpoint and the system clock. */
    public static CodexCredentialSource fromSystem() {
        return fromEnvironment(AuthEnv.system(), OAuthSettings.defaults(), Clock.systemUTC());
    }
}
