package io.carapulse.llm.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.credential.BearerTokenCredential;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.carapulse.api.llm.LlmException;
import io.carapulse.api.llm.LlmListener;
import io.carapulse.api.llm.LlmProvider;
import io.carapulse.api.llm.LlmReply;
import io.carapulse.api.llm.LlmRequest;
import io.carapulse.api.llm.LlmStatus;
import io.carapulse.llm.call.Deadline;
import io.carapulse.llm.call.CallPolicy;
import io.carapulse.llm.call.Sdk;
import io.carapulse.llm.call.TrackingListener;
import java.time.Clock;
import java.util.Objects;

/**
 * The {@code openai} provider: Chat Completions, streamed, through the OpenAI Java SDK, with an API
 * key. Any OpenAI-compatible server works by base URL (vLLM, llama.cpp's {@code llama-server},
 * Ollama at {@code http://localhost:11434/v1}).
 */
public final class OpenAiProvider implements LlmProvider {

    public static final String NAME = "openai";
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    public static final String DEFAULT_MODEL = "gpt-5.2";

    private final OpenAIClient client;
    private final String baseUrl;
    private final String model;
    private final ApiKey apiKey;
    private final CallPolicy policy;
    private final Clock clock;

    public OpenAiProvider(String baseUrl, String model, ApiKey apiKey, CallPolicy policy, Clock clock) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.model = Objects.requireNonNull(model, "model");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = OpenAIOkHttpClient.builder()
                .baseUrl(baseUrl)
                // asked for at every request, so a rotated key file is picked up without a restart
                .credential(BearerTokenCredential.create(apiKey::resolve))
                // CallPolicy does the retrying, within the call's deadline
                .maxRetries(0)
                .build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public LlmReply complete(LlmRequest request, LlmListener listener) {
        String key = apiKey.resolve();
        ChatCompletionCreateParams params = ChatParams.of(model, request);
        OpenAiErrors errors = new OpenAiErrors(baseUrl, apiKey.source(), key, clock);
        TrackingListener tracking = new TrackingListener(listener);
        return policy.run(policy.deadline(request.timeout()), timeLeft -> {
            ChatStream stream = new ChatStream(model, tracking);
            try (StreamResponse<ChatCompletionChunk> chunks =
                         client.chat().completions().createStreaming(params, Sdk.attemptOptions(timeLeft))) {
                chunks.stream().forEach(stream::accept);
            }
            return stream.reply();
        }, errors::classify, tracking::started);
    }

    @Override
    public LlmStatus status() {
        String shownUrl = Sdk.displayUrl(baseUrl);
        if (!apiKey.present()) {
            return new LlmStatus(NAME, false, model, shownUrl, null, null, "No API key: set " + ApiKey.ENV
                    + " or " + ApiKey.SETTING + ".");
        }
        try {
            apiKey.resolve();
        } catch (LlmException.NotConfigured e) {
            return new LlmStatus(NAME, false, model, shownUrl, apiKey.source(), null, e.getMessage());
        }
        return new LlmStatus(NAME, true, model, shownUrl, apiKey.source(), null,
                "Chat Completions at " + shownUrl + " with model " + model + ".");
    }
}
