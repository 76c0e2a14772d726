package io.carapulse.llm.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.llm.LlmException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvTokenCredentialSourceTest {

    private static final Instant EXP = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    Path home;

    private CodexCredentialSource fromEnvironment(Map<String, String> variables) {
        return CodexCredentials.fromEnvironment(AuthEnv.of(variables, home), OAuthSettings.defaults(), Clock.systemUTC());
    }

    @Test
    void shouldLetOpenAiAccessTokenOverrideEveryProfileWithTheAccountFromItsClaim() {
        AuthProfile profile = TestTokens.profile(TestTokens.OTHER_ACCOUNT,
                TestTokens.access(TestTokens.OTHER_ACCOUNT, EXP), TestTokens.refresh(), null);
        Path file = home.resolve(".carapulse/auth-profiles.json");
        new ProfileStore(file).update(p -> new ProfileStore.Change<>(p.with(profile).withDefault(profile), null));
        String token = TestTokens.access(TestTokens.ACCOUNT, EXP);

        CodexCredential credential = fromEnvironment(Map.of("OPENAI_ACCESS_TOKEN", token,
                "CARAPULSE_AUTH_PROFILE", profile.id())).current();

        assertThat(credential.accessToken()).isEqualTo(token);
        assertThat(credential.accountId()).isEqualTo(TestTokens.ACCOUNT);
        assertThat(credential.source()).isEqualTo("env:OPENAI_ACCESS_TOKEN");
        assertThat(credential.expiresAt()).isEqualTo(EXP);
        assertThat(credential.toString()).doesNotContain(token);
    }

    @Test
    void shouldUseTheSelectedProfileWhenNoTokenIsInTheEnvironment() {
        AuthProfile profile = TestTokens.profile(TestTokens.ACCOUNT,
                TestTokens.access(TestTokens.ACCOUNT, EXP), TestTokens.refresh(), Instant.now());
        new ProfileStore(home.resolve(".carapulse/auth-profiles.json"))
                .update(p -> new ProfileStore.Change<>(p.with(profile), null));

        assertThat(fromEnvironment(Map.of()).current().source()).isEqualTo("profile:" + profile.id());
    }

    @Test
    void shouldEndInAuthExpiredAfterA401BecauseItCannotRefresh() {
        String token = TestTokens.access(TestTokens.ACCOUNT, EXP);
        CodexCredentialSource source = new EnvTokenCredentialSource(token);

        assertThatThrownBy(() -> source.afterUnauthorized(source.current()))
                .isInstanceOf(LlmException.AuthExpired.class)
                .hasMessageContaining("OPENAI_ACCESS_TOKEN")
                .hasMessageContaining("`assistantctl llm auth login`")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token));
    }

    @Test
    void shouldRefuseATokenThatIsNotAChatGptJwtWithoutQuotingIt() {
        String opaque = "sk-proj-SECRETVALUE123";
        String noAccount = TestTokens.access(null, EXP);

        assertThatThrownBy(() -> fromEnvironment(Map.of("OPENAI_ACCESS_TOKEN", opaque)))
                .isInstanceOf(LlmException.NotConfigured.class)
                .hasMessageContaining("OPENAI_ACCESS_TOKEN is not a JWT")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SECRETVALUE"));
        assertThatThrownBy(() -> new EnvTokenCredentialSource(noAccount))
                .isInstanceOf(LlmException.NotConfigured.class)
                .hasMessageContaining("carries no ChatGPT account id")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(noAccount));
    }
}
