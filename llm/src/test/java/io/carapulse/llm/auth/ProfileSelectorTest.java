package io.carapulse.llm.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.llm.LlmException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileSelectorTest {

    private static final Path FILE = Path.of("/home/sre/.carapulse/auth-profiles.json");
    private static final Instant EXP = Instant.parse("2030-01-01T00:00:00Z");

    private final AuthProfile first = TestTokens.profile(TestTokens.ACCOUNT,
            TestTokens.access(TestTokens.ACCOUNT, EXP), TestTokens.refresh(), null);
    private final AuthProfile second = TestTokens.profile(TestTokens.OTHER_ACCOUNT,
            TestTokens.access(TestTokens.OTHER_ACCOUNT, EXP), TestTokens.refresh(), null);
    private final AuthProfile otherProvider = new AuthProfile("other:x", "other", ProfileType.TOKEN, null,
            TestTokens.access(null, EXP), null, null, EXP, "manual", null, Instant.EPOCH);

    private ProfileSelector.Selection select(Map<String, String> env, AuthProfiles profiles) {
        return new ProfileSelector(AuthEnv.of(env, Path.of("/home/sre"))).select(profiles, "openai-codex", FILE);
    }

    @Test
    void shouldPreferTheProfileNamedByTheEnvironmentOverTheDefault() {
        AuthProfiles profiles = AuthProfiles.EMPTY.with(first).with(second).withDefault(first);

        var selection = select(Map.of("CARAPULSE_AUTH_PROFILE", second.id()), profiles);

        assertThat(selection.profile()).isEqualTo(second);
        assertThat(selection.reason()).isEqualTo(ProfileSelector.Reason.ENV);
    }

    @Test
    void shouldTakeTheDefaultThenTheOnlyProfile() {
        assertThat(select(Map.of(), AuthProfiles.EMPTY.with(first).with(second).withDefault(second)))
                .isEqualTo(new ProfileSelector.Selection(second, ProfileSelector.Reason.DEFAULT));
        assertThat(select(Map.of(), AuthProfiles.EMPTY.with(first).with(otherProvider)))
                .isEqualTo(new ProfileSelector.Selection(first, ProfileSelector.Reason.ONLY));
    }

    @Test
    void shouldNameTheProfilesAndTheFixWhenTheEnvironmentNamesAMissingOne() {
        assertThatThrownBy(() -> select(Map.of("CARAPULSE_AUTH_PROFILE", "openai-codex:gone"),
                AuthProfiles.EMPTY.with(first)))
                .isInstanceOf(LlmException.NotConfigured.class)
                .hasMessageContaining("CARAPULSE_AUTH_PROFILE names openai-codex:gone, which is not in " + FILE)
                .hasMessageContaining("profiles: " + first.id())
                .hasMessageContaining("assistantctl llm auth import");
    }

    @Test
    void shouldRefuseAnEnvironmentProfileOfAnotherProvider() {
        assertThatThrownBy(() -> select(Map.of("CARAPULSE_AUTH_PROFILE", "other:x"),
                AuthProfiles.EMPTY.with(first).with(otherProvider)))
                .hasMessageContaining("other:x, a other profile, but the openai-codex provider needs one of its own");
    }

    @Test
    void shouldExplainADanglingDefault() {
        AuthProfiles profiles = AuthProfiles.EMPTY.with(first).withDefault(second).with(first);
        AuthProfiles dangling = new AuthProfiles(profiles.profiles(), Map.of("openai-codex", second.id()));

        assertThatThrownBy(() -> select(Map.of(), dangling))
                .hasMessageContaining("the default openai-codex profile " + second.id() + " is not in")
                .hasMessageContaining("assistantctl llm auth use <profile>");
    }

    @Test
    void shouldSayHowToSignInWhenThereIsNoProfile() {
        assertThatThrownBy(() -> select(Map.of(), AuthProfiles.EMPTY.with(otherProvider)))
                .isInstanceOf(LlmException.NotConfigured.class)
                .hasMessageContaining("no openai-codex auth profile in " + FILE + " (profiles: other:x)")
                .hasMessageContaining("assistantctl llm auth login")
                .hasMessageContaining("assistantctl llm auth import");
    }

    @Test
    void shouldListTheCandidatesWhenSeveralHaveNoDefault() {
        assertThatThrownBy(() -> select(Map.of(), AuthProfiles.EMPTY.with(first).with(second)))
                .isInstanceOf(LlmException.NotConfigured.class)
                .hasMessageContaining("2 openai-codex auth profiles and no default: " + first.id() + ", " + second.id())
                .hasMessageContaining("assistantctl llm auth use <profile>");
    }
}
