package io.carapulse.llm.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.llm.LlmException;
import io.carapulse.api.llm.LlmProvider;
import io.carapulse.api.llm.LlmStatus;
import io.carapulse.api.llm.LlmReply;
import io.carapulse.llm.auth.CodexCredentialSource;
import io.carapulse.llm.call.TestRequests;
import io.carapulse.testkit.llm.FakeModelServer;
import io.carapulse.testkit.llm.ModelReply;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmProviderWiringTest {

    private static ApplicationContext start(Map<String, Object> properties, Map<String, String> env,
            CodexCredentialSource codex) {
        ApplicationContext ctx = ApplicationContext.builder().properties(properties).build();
        ctx.registerSingleton(EnvironmentVariables.class, env::get);
        if (codex != null) {
            ctx.registerSingleton(CodexCredentialSource.class, codex);
        }
        return ctx.start();
    }

    @Test
    void shouldOfferExactlyOneProviderThatIsNotConfiguredWhenNothingIsSet() {
        try (ApplicationContext ctx = start(Map.of(), Map.of(), null)) {
            assertThat(ctx.getBeansOfType(LlmProvider.class)).hasSize(1);
            LlmProvider provider = ctx.getBean(LlmProvider.class);
            assertThat(provider.name()).isEqualTo("none");
            assertThat(provider.status().configured()).isFalse();
        }
    }

    @Test
    void shouldBindTheDefaults() {
        try (ApplicationContext ctx = start(Map.of(), Map.of(), null)) {
            LlmSettings settings = ctx.getBean(LlmSettings.class);
            assertThat(settings.provider()).isEqualTo("auto");
            assertThat(settings.timeout()).isEqualTo(Duration.ofMinutes(5));
            assertThat(settings.maxRetries()).isEqualTo(2);
            assertThat(settings.model()).isNull();
            assertThat(settings.baseUrl()).isNull();
            assertThat(settings.apiKey()).isNull();
        }
    }

    @Test
    void shouldCallTheConfiguredServerWithTheConfiguredModelAndKey() {
        try (FakeModelServer server = FakeModelServer.start()) {
            server.enqueue(ModelReply.text("Hello from a local model"));
            Map<String, Object> properties = new HashMap<>();
            properties.put("carapulse.llm.provider", "openai");
            properties.put("carapulse.llm.base-url", server.openAiBaseUrl());
            properties.put("carapulse.llm.model", "llama3.1:8b");
            properties.put("carapulse.llm.api-key", "env:LOCAL_LLM_KEY");
            properties.put("carapulse.llm.max-retries", "0");
            properties.put("carapulse.llm.timeout", "30s");
            try (ApplicationContext ctx = start(properties, Map.of("LOCAL_LLM_KEY", "sk-local-test"), null)) {
                LlmReply reply = ctx.getBean(LlmProvider.class).complete(TestRequests.question("hi"), null);

                assertThat(reply.text()).isEqualTo("Hello from a local model");
                assertThat(server.lastRequest().json().path("model").asText()).isEqualTo("llama3.1:8b");
                assertThat(server.lastRequest().header("Authorization")).hasValue("Bearer sk-local-test");
                assertThat(ctx.getBean(LlmProvider.class).status().credential()).isEqualTo("env:LOCAL_LLM_KEY");
            }
        }
    }

    @Test
    void shouldTurnSettingsThatCannotWorkIntoAProviderThatSaysSoInsteadOfFailingEveryCall() {
        String pasted = "sk-proj-canary-0001 sk-proj-canary-0001";
        try (ApplicationContext ctx = start(Map.of("carapulse.llm.api-key", pasted), Map.of(), null)) {
            LlmProvider provider = ctx.getBean(LlmProvider.class);
            assertThat(ctx.getBean(LlmProvider.class)).isSameAs(provider);
            assertThat(provider.status().configured()).isFalse();
            assertThat(provider.status().detail()).contains("carapulse.llm.api-key").doesNotContain("canary");
            assertThatThrownBy(() -> provider.complete(TestRequests.question("hi"), null))
                    .isInstanceOf(LlmException.NotConfigured.class)
                    .hasMessageContaining("carapulse.llm.api-key").hasMessageNotContaining("canary");
        }
        try (ApplicationContext ctx = start(Map.of("carapulse.llm.timeout", "5 minutes"), Map.of(), null)) {
            LlmStatus status = ctx.getBean(LlmProvider.class).status();
            assertThat(status.configured()).isFalse();
            assertThat(status.detail()).contains("carapulse.llm");
        }
        try (ApplicationContext ctx = start(Map.of("carapulse.llm.provider", "anthropic"), Map.of(), null)) {
            assertThat(ctx.getBean(LlmProvider.class).status().detail()).contains("carapulse.llm.provider");
        }
    }

    @Test
    void shouldUseTheCodexCredentialSourceBeanWhenThereIsNoApiKey() {
        try (ApplicationContext ctx = start(Map.of(), Map.of(), LlmProviderFactoryTest.CODEX)) {
            assertThat(ctx.getBean(LlmProvider.class).name()).isEqualTo("openai-codex");
        }
    }

    @Test
    void shouldReadTheRealEnvironmentUnlessATestReplacesIt() {
        try (ApplicationContext ctx = ApplicationContext.run()) {
            assertThat(ctx.getBean(EnvironmentVariables.class).get("PATH")).isEqualTo(System.getenv("PATH"));
        }
    }
}
