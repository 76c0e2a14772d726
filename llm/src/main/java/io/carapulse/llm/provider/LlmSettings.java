package io.carapulse.llm.provider;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code carapulse.llm.*}: which language model chat uses. Environment variables bind as usual
 * ({@code CARAPULSE_LLM_PROVIDER}, {@code CARAPULSE_LLM_MODEL}, …); {@code OPENAI_API_KEY} is read
 * directly and wins over {@code api-key}.
 *
 * @param provider   {@code auto} (default), {@code openai}, {@code openai-codex} or {@code none};
 *                   see {@link LlmProviderFactory} for what {@code auto} picks
 * @param model      the model; by default {@code gpt-5.2} for {@code openai}, {@code gpt-5.2-codex}
 *                   for {@code openai-codex}
 * @param baseUrl    the endpoint; by default {@code https://api.openai.com/v1} for {@code openai}
 *                   ({@code http://localhost:11434/v1} for Ollama, {@code http://host:8000/v1} for
 *                   vLLM …) and {@code https://chatgpt.com/backend-api/codex} for {@code openai-codex}
 * @param apiKey     where the {@code openai} API key lives when {@code OPENAI_API_KEY} is not set:
 *                   {@code env:NAME} or {@code file:/path}, never the key itself
 * @param timeout    the longest one model call may take, retries included; a request asking for
 *                   more is cut to this
 * @param maxRetries retries after a retriable failure (timeout, connection, 408/409/429/5xx)
 */
@ConfigurationProperties("carapulse.llm")
public record LlmSettings(
        @Bindable(defaultValue = "auto") String provider,
        @Nullable String model,
        @Nullable String baseUrl,
        @Nullable String apiKey,
        @Bindable(defaultValue = "5m") Duration timeout,
        @Bindable(defaultValue = "2") int maxRetries) {
}
