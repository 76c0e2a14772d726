package io.carapulse.llm.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.llm.LlmException;
import io.carapulse.api.llm.LlmProvider;
import io.carapulse.api.llm.LlmStatus;
import io.carapulse.config.ConfigurationException;
import io.carapulse.llm.auth.CodexCredential;
import io.carapulse.llm.auth.CodexCredentialSource;
import io.carapulse.llm.call.RecordingSleeper;
import io.carapulse.llm.call.TestRequests;
import io.carapulse.llm.codex.CodexProvider;
import io.carapulse.llm.openai.OpenAiProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class LlmProviderFactoryTest {

    static final String KEY = "sk-test-canary-factory-0001";
    static final Map<String, String> WITH_KEY = Map.of("OPENAI_API_KEY", KEY, "OTHER_KEY", "sk-test-other");
    static final Map<String, String> EMPTY = Map.of();

    /** A source that would hand out a token; the factory must not ask it for one. */
    static final CodexCredentialSource CODEX = new CodexCredentialSource() {
        @Override
        public CodexCredential current() {
            return new CodexCredential("eyJ.canary.sig", "acct", "env:OPENAI_ACCESS_TOKEN", null);
        }

        @Override
        public CodexCredential afterUnauthorized(CodexCredential rejected) {
            throw new LlmException.AuthExpired("log in again: assistantctl llm auth login");
        }
    };

    static LlmSettings settings(String provider, String apiKey) {
        return new LlmSettings(provider, null, null, apiKey, Duration.ofMinutes(5), 2);
    }

    static LlmProvider create(LlmSettings settings, Map<String, String> env, CodexCredentialSource codex) {
        return LlmProviderFactory.create(settings, env::get, codex, new RecordingSleeper(), Clock.systemUTC());
    }

    static Stream<Arguments> choices() {
        return Stream.of(
                // provider, api-key setting, environment, codex source → provider name, class
                Arguments.of("auto", null, WITH_KEY, CODEX, "openai", OpenAiProvider.class),
                Arguments.of("auto", "env:OTHER_KEY", EMPTY, CODEX, "openai", OpenAiProvider.class),
                Arguments.of("auto", null, EMPTY, CODEX, "openai-codex", CodexProvider.class),
                Arguments.of("auto", null, Map.of("OPENAI_API_KEY", "  "), CODEX, "openai-codex", CodexProvider.class),
                Arguments.of("auto", null, EMPTY, null, "none", NotConfiguredProvider.class),
                Arguments.of("openai", null, WITH_KEY, CODEX, "openai", OpenAiProvider.class),
                Arguments.of("openai", null, EMPTY, CODEX, "openai", OpenAiProvider.class),
                Arguments.of("openai-codex", null, WITH_KEY, CODEX, "openai-codex", CodexProvider.class),
                Arguments.of("openai-codex", null, WITH_KEY, null, "openai-codex", NotConfiguredProvider.class),
                Arguments.of("none", null, WITH_KEY, CODEX, "none", NotConfiguredProvider.class),
                Arguments.of(" OpenAI ", null, WITH_KEY, null, "openai", OpenAiProvider.class));
    }

    @ParameterizedTest(name = "provider={0}, api-key={1}, env={2}, codex source={3} -> {4}")
    @MethodSource("choices")
    void shouldChooseTheProviderTheSettingsAskFor(String provider, String apiKey, Map<String, String> env,
            CodexCredentialSource codex, String expectedName, Class<?> expectedClass) {
        LlmProvider chosen = create(settings(provider, apiKey), env, codex);

        assertThat(chosen.name()).isEqualTo(expectedName);
        assertThat(chosen).isExactlyInstanceOf(expectedClass);
    }

    @Test
    void shouldSayWhatToSetWhenNothingIsConfigured() {
        LlmProvider provider = create(settings("auto", null), EMPTY, null);

        assertThatThrownBy(() -> provider.complete(TestRequests.question("hi"), null))
                .isInstanceOf(LlmException.NotConfigured.class)
                .hasMessageContaining("OPENAI_API_KEY")
                .hasMessageContaining("carapulse.llm.api-key")
                .hasMessageContaining("assistantctl llm auth login")
                .hasMessageContaining("Everything except chat keeps working")
                .extracting(e -> ((LlmException.NotConfigured) e).code()).isEqualTo("llm_not_configured");
        LlmStatus status = provider.status();
        assertThat(status.configured()).isFalse();
        assertThat(status.provider()).isEqualTo("none");
        assertThat(status.detail()).isEqualTo(LlmProviderFactory.NOTHING_CONFIGURED);
    }

    @Test
    void shouldSayChatIsSwitchedOffWhenTheProviderIsNone() {
        LlmProvider provider = create(settings("none", null), WITH_KEY, CODEX);

        assertThatThrownBy(() -> provider.complete(TestRequests.question("hi"), null))
                .isInstanceOf(LlmException.NotConfigured.class)
                .hasMessageContaining("carapulse.llm.provider=none");
        assertThat(provider.status().toString()).doesNotContain(KEY);
    }

    @Test
    void shouldSayAnOpenAiProviderWithoutAKeyIsNotConfigured() {
        LlmProvider provider = create(settings("openai", null), EMPTY, null);

        assertThat(provider.status().configured()).isFalse();
        assertThat(provider.status().detail()).contains("OPENAI_API_KEY");
        assertThatThrownBy(() -> provider.complete(TestRequests.question("hi"), null))
                .isInstanceOf(LlmException.NotConfigured.class);
    }

    @Test
    void shouldSayACodexProviderWithoutACredentialSourceCannotRun() {
        LlmProvider provider = create(settings("openai-codex", null), EMPTY, null);

        assertThat(provider.status().configured()).isFalse();
        assertThatThrownBy(() -> provider.complete(TestRequests.question("hi"), null))
                .isInstanceOf(LlmException.NotConfigured.class)
                .hasMessageContaining("no ChatGPT credential source");
    }

    @Test
    void shouldTakeTheConfiguredModelAndBaseUrlAndTheDefaultsOtherwise() {
        LlmProvider custom = create(new LlmSettings("openai", "qwen2.5:14b", "http://localhost:11434/v1/", null,
                Duration.ofMinutes(5), 2), WITH_KEY, null);
        LlmProvider openAi = create(settings("openai", null), WITH_KEY, null);
        LlmProvider codex = create(settings("openai-codex", null), EMPTY, CODEX);

        assertThat(custom.model()).isEqualTo("qwen2.5:14b");
        assertThat(custom.status().baseUrl()).isEqualTo("http://localhost:11434/v1");
        assertThat(openAi.model()).isEqualTo(OpenAiProvider.DEFAULT_MODEL);
        assertThat(openAi.status().baseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(codex.model()).isEqualTo(CodexProvider.DEFAULT_MODEL);
        assertThat(codex.status().baseUrl()).isEqualTo("https://chatgpt.com/backend-api/codex");
    }

    @Test
    void shouldRefuseAnUnknownProvider() {
        assertThatThrownBy(() -> create(settings("anthropic", null), WITH_KEY, null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("carapulse.llm.provider")
                .hasMessageContaining("auto, openai, openai-codex, none");
    }

    @Test
    void shouldRefuseAKeyWrittenWhereItsReferenceBelongsWithoutEchoingIt() {
        assertThatThrownBy(() -> create(settings("openai", KEY), EMPTY, null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("carapulse.llm.api-key")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
    }

    @Test
    void shouldRefuseABaseUrlThatIsNotHttp() {
        assertThatThrownBy(() -> create(new LlmSettings("openai", null, "localhost:11434", null,
                Duration.ofMinutes(5), 2), WITH_KEY, null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("carapulse.llm.base-url");
    }

    @Test
    void shouldRefuseANegativeRetryCountAndAZeroTimeout() {
        assertThatThrownBy(() -> create(new LlmSettings("openai", null, null, null, Duration.ofMinutes(5), -1),
                WITH_KEY, null)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("carapulse.llm.max-retries");
        assertThatThrownBy(() -> create(new LlmSettings("openai", null, null, null, Duration.ZERO, 2),
                WITH_KEY, null)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("carapulse.llm.timeout");
    }
}
