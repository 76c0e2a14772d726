package io.carapulse.llm.auth;

import static io.carapulse.llm.auth.Fixtures.CLOCK;
import static io.carapulse.llm.auth.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.llm.LlmException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthProfileAdminTest {

    @TempDir
    Path dir;

    private final String validAccess = TestTokens.access(TestTokens.ACCOUNT, NOW.plus(Duration.ofHours(3)));
    private final AuthProfile valid = TestTokens.profile(TestTokens.ACCOUNT, validAccess, TestTokens.refresh(),
            NOW.minus(Duration.ofDays(1)));
    private final AuthProfile expiredToken = TestTokens.profile(TestTokens.OTHER_ACCOUNT,
            TestTokens.access(TestTokens.OTHER_ACCOUNT, NOW.minus(Duration.ofHours(1))), null, null);

    private ProfileStore store() {
        return new ProfileStore(dir.resolve("auth-profiles.json"));
    }

    private AuthProfileAdmin admin(Map<String, String> env) {
        return new AuthProfileAdmin(store(), AuthEnv.of(env, dir), CLOCK);
    }

    private void seed(AuthProfile... profiles) {
        store().update(p -> {
            AuthProfiles next = p;
            for (AuthProfile profile : profiles) {
                next = next.with(profile);
            }
            return new ProfileStore.Change<>(next, null);
        });
    }

    @Test
    void shouldListEveryProfileWithoutSecrets() {
        seed(valid, expiredToken);
        admin(Map.of()).use(valid.id());

        assertThat(admin(Map.of()).list()).containsExactly(
                ProfileSummary.of(valid, true), ProfileSummary.of(expiredToken, false));
        assertThat(admin(Map.of()).list().toString()).doesNotContain("eyJ").doesNotContain("rt_FAKE");
    }

    @Test
    void shouldSetAndClearTheDefault() {
        seed(valid, expiredToken);

        admin(Map.of()).use(expiredToken.id());
        assertThat(store().read().defaultFor("openai-codex")).contains(expiredToken.id());

        ProfileSummary removed = admin(Map.of()).remove(expiredToken.id());
        assertThat(removed.isDefault()).isTrue();
        assertThat(store().read().profiles()).containsOnlyKeys(valid.id());
        assertThat(store().read().defaults()).isEmpty();
    }

    @Test
    void shouldNameTheProfilesThereAreForAnUnknownId() {
        seed(valid);

        assertThatThrownBy(() -> admin(Map.of()).use("openai-codex:nope"))
                .isInstanceOf(LlmException.NotConfigured.class)
                .hasMessageContaining("no auth profile openai-codex:nope in " + store().path())
                .hasMessageContaining("profiles: " + valid.id());
        assertThatThrownBy(() -> admin(Map.of()).remove("openai-codex:nope")).isInstanceOf(LlmException.NotConfigured.class);
    }

    @Test
    void shouldReportTheSelectedProfileAndWhereItStands() {
        seed(valid, expiredToken);
        admin(Map.of()).use(valid.id());

        AuthStatus status = admin(Map.of()).status();
        assertThat(status.state()).isEqualTo(AuthStatus.State.VALID);
        assertThat(status.credential()).isEqualTo("profile:" + valid.id());
        assertThat(status.selectedBy()).isEqualTo("the provider's default");
        assertThat(status.detail()).isEqualTo("valid until " + valid.expiresAt());

        AuthStatus expired = admin(Map.of("CARAPULSE_AUTH_PROFILE", expiredToken.id())).status();
        assertThat(expired.state()).isEqualTo(AuthStatus.State.EXPIRED);
        assertThat(expired.selectedBy()).isEqualTo("CARAPULSE_AUTH_PROFILE");
        assertThat(expired.detail()).contains("sign in again with `assistantctl llm auth login`");
    }

    @Test
    void shouldReportARefreshDueWithoutRefreshing() {
        AuthProfile old = TestTokens.profile(TestTokens.ACCOUNT, validAccess, TestTokens.refresh(),
                NOW.minus(Duration.ofDays(9)));
        seed(old);

        AuthStatus status = admin(Map.of()).status();

        assertThat(status.state()).isEqualTo(AuthStatus.State.REFRESH_DUE);
        assertThat(status.selectedBy()).isEqualTo("the only profile of the provider");
        assertThat(status.detail()).isEqualTo("minted over 8 days ago; refreshed on next use");
        assertThat(store().read().get(old.id())).contains(old);
    }

    @Test
    void shouldReportNotConfiguredWithTheFixAndTheEnvironmentOverride() {
        AuthStatus none = admin(Map.of()).status();
        assertThat(none.configured()).isFalse();
        assertThat(none.detail()).contains("assistantctl llm auth login");

        seed(valid);
        String token = TestTokens.access(TestTokens.OTHER_ACCOUNT, NOW.plus(Duration.ofHours(1)));
        AuthStatus env = admin(Map.of("OPENAI_ACCESS_TOKEN", token)).status();
        assertThat(env.state()).isEqualTo(AuthStatus.State.VALID);
        assertThat(env.credential()).isEqualTo("env:OPENAI_ACCESS_TOKEN");
        assertThat(env.accountId()).isEqualTo(TestTokens.OTHER_ACCOUNT);
        assertThat(env.toString()).doesNotContain(token);
    }
}
