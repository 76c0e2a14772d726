package io.carapulse.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.llm.LlmException;
import io.carapulse.api.llm.LlmReply;
import io.carapulse.api.llm.LlmStatus;
import io.carapulse.api.llm.LlmToolCall;
import io.carapulse.api.llm.LlmUsage;
import io.carapulse.config.SecretRef;
import io.carapulse.llm.call.CallPolicy;
import io.carapulse.llm.call.CollectingListener;
import io.carapulse.llm.call.RecordingSleeper;
import io.carapulse.llm.call.TestRequests;
import io.carapulse.testkit.llm.FakeModelServer;
import io.carapulse.testkit.llm.ModelReply;
import io.carapulse.testkit.llm.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenAiProviderTest {

    /** A canary: it must reach the Authorization header and nothing else. */
    static final String KEY = "sk-test-canary-7f3a9c2e51d04b8a";

    private final FakeModelServer server = FakeModelServer.start();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final CollectingListener listener = new CollectingListener();

    @AfterEach
    void stop() {
        server.close();
    }

    private OpenAiProvider provider(int maxRetries) {
        return provider(new ApiKey(Map.of(ApiKey.ENV, KEY)::get, null), maxRetries);
    }

    private OpenAiProvider provider(ApiKey key, int maxRetries) {
        return new OpenAiProvider(server.openAiBaseUrl(), "test-model", key,
                new CallPolicy(maxRetries, Duration.ofMinutes(1), sleeper), Clock.systemUTC());
    }

    @Test
    void shouldStreamTheTextToTheListenerInOrderAndReturnIt() {
        server.enqueue(ModelReply.text("Three ", "pods ", "are running."));

        LlmReply reply = provider(2).complete(TestRequests.question("How many pods?"), listener);

        assertThat(listener.deltas()).containsExactly("Three ", "pods ", "are running.");
        assertThat(reply.text()).isEqualTo("Three pods are running.");
        assertThat(reply.toolCalls()).isEmpty();
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void shouldSendTheConversationTheFunctionsAndAskForUsage() {
        server.enqueue(ModelReply.text("ok"));

        provider(2).complete(TestRequests.withHistory(400), listener);

        RecordedRequest request = server.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.header("Authorization")).hasValue("Bearer " + KEY);
        JsonNode body = request.json();
        assertThat(body.path("model").asText()).isEqualTo("test-model");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(400);
        JsonNode messages = body.path("messages");
        assertThat(messages.findValuesAsText("role")).containsExactly("system", "user", "assistant", "tool", "user");
        assertThat(messages.path(0).path("content").asText()).isEqualTo(TestRequests.INSTRUCTIONS);
        JsonNode assistant = messages.path(2);
        assertThat(assistant.path("content").asText()).isEqualTo("Let me look.");
        JsonNode call = assistant.path("tool_calls").path(0);
        assertThat(call.path("id").asText()).isEqualTo("call_1");
        assertThat(call.path("type").asText()).isEqualTo("function");
        assertThat(call.path("function").path("name").asText()).isEqualTo("kubectl_get");
        assertThat(call.path("function").path("arguments").asText())
                .isEqualTo("{\"kind\":\"pods\",\"namespace\":\"web\"}");
        assertThat(messages.path(3).path("tool_call_id").asText()).isEqualTo("call_1");
        assertThat(messages.path(3).path("content").asText()).isEqualTo("3 pods Running");
        JsonNode tool = body.path("tools").path(0);
        assertThat(tool.path("type").asText()).isEqualTo("function");
        assertThat(tool.path("function").path("name").asText()).isEqualTo("kubectl_get");
        assertThat(tool.path("function").path("description").asText()).isEqualTo("Read Kubernetes objects.");
        assertThat(tool.path("function").path("parameters")).isEqualTo(TestRequests.schema());
        assertThat(body.has("parallel_tool_calls")).isFalse();
    }

    @Test
    void shouldLeaveTheTokenBoundOutWhenTheRequestHasNone() {
        server.enqueue(ModelReply.text("ok"));

        provider(2).complete(TestRequests.withHistory(null), listener);

        assertThat(server.lastRequest().json().has("max_completion_tokens")).isFalse();
        assertThat(server.lastRequest().json().has("max_tokens")).isFalse();
    }

    @Test
    void shouldGatherSeveralToolCallsWhoseArgumentsArriveInPieces() {
        server.enqueue(ModelReply.toolCalls(
                ModelReply.call("call_a", "kubectl_get", "{\"kind\":", "\"pods\",", "\"namespace\":\"web\"}"),
                ModelReply.call("call_b", "kubectl_get", "{\"kind\":\"deployments\"", "}")));

        LlmReply reply = provider(2).complete(TestRequests.question("What runs?"), listener);

        assertThat(reply.toolCalls()).containsExactly(
                new LlmToolCall("call_a", "kubectl_get", "{\"kind\":\"pods\",\"namespace\":\"web\"}"),
                new LlmToolCall("call_b", "kubectl_get", "{\"kind\":\"deployments\"}"));
        assertThat(reply.text()).isEmpty();
        assertThat(listener.deltas()).isEmpty();
    }

    @Test
    void shouldPassMalformedArgumentsThroughVerbatim() {
        server.enqueue(ModelReply.toolCalls(ModelReply.call("call_x", "kubectl_get", "{\"kind\": pods", ",,")));

        LlmReply reply = provider(2).complete(TestRequests.question("?"), listener);

        assertThat(reply.toolCalls()).containsExactly(new LlmToolCall("call_x", "kubectl_get", "{\"kind\": pods,,"));
    }

    @Test
    void shouldKeepTextThatComesBeforeToolCalls() {
        server.enqueue(ModelReply.text("Checking ", "web.").withToolCalls(ModelReply.call("c1", "kubectl_get", "{}")));

        LlmReply reply = provider(2).complete(TestRequests.question("?"), listener);

        assertThat(reply.text()).isEqualTo("Checking web.");
        assertThat(reply.toolCalls()).extracting(LlmToolCall::id).containsExactly("c1");
    }

    @Test
    void shouldReportTheUsageAndModelOfTheLastChunk() {
        server.enqueue(ModelReply.text("hi").withUsage(1234, 56).withModel("test-model-2025-01-01"));

        LlmReply reply = provider(2).complete(TestRequests.question("?"), listener);

        assertThat(reply.usage()).isEqualTo(new LlmUsage(1234, 56));
        assertThat(reply.model()).isEqualTo("test-model-2025-01-01");
    }

    @Test
    void shouldWaitWhatRetryAfterSaysAfterA429AndThenSucceed() {
        server.enqueue(ModelReply.error(429, "Rate limit reached for requests").withHeader("Retry-After", "1"),
                ModelReply.text("done"));

        LlmReply reply = provider(2).complete(TestRequests.question("?"), listener);

        assertThat(reply.text()).isEqualTo("done");
        assertThat(server.requests()).hasSize(2);
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void shouldRetryA500AndGiveUpAsUnavailable() {
        server.enqueue(ModelReply.error(500, "The server had an error"), ModelReply.error(500, "again"),
                ModelReply.error(500, "and again"));

        assertThatThrownBy(() -> provider(2).complete(TestRequests.question("?"), listener))
                .isInstanceOf(LlmException.Unavailable.class)
                .hasMessageContaining("HTTP 500")
                .hasMessageContaining("gave up after 3 attempts");
        assertThat(server.requests()).hasSize(3);
        assertThat(sleeper.waits()).hasSize(2);
    }

    @Test
    void shouldEndAsUnavailableWhenTheServerDoesNotAnswerInTime() {
        server.enqueue(ModelReply.text("too late").withDelay(Duration.ofSeconds(30)), ModelReply.text("never"));

        assertThatThrownBy(() -> provider(2).complete(TestRequests.question("?", Duration.ofMillis(700)), listener))
                .isInstanceOf(LlmException.Unavailable.class)
                .hasMessageContaining("did not answer within the time left");
        // the deadline bounds the whole call: no time is left for a retry
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void shouldSayTheKeyWasRefusedWithoutShowingIt() {
        server.enqueue(ModelReply.error(401, "Incorrect API key provided: " + KEY + ". You can find your API key"));

        assertThatThrownBy(() -> provider(2).complete(TestRequests.question("?"), listener))
                .isInstanceOf(LlmException.AuthExpired.class)
                .hasMessageContaining("refused the API key (HTTP 401)")
                .hasMessageContaining("OPENAI_API_KEY")
                .hasMessageContaining("env:OPENAI_API_KEY")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain("sk-test"))
                .hasNoCause();
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void shouldScrubTheKeyFromAForbiddenMessage() {
        server.enqueue(ModelReply.error(403, "Project of key " + KEY + " may not use test-model"));

        assertThatThrownBy(() -> provider(2).complete(TestRequests.question("?"), listener))
                .isInstanceOf(LlmException.AuthExpired.class)
                .hasMessageContaining("Project of key **** may not use test-model")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
    }

    @Test
    void shouldPassTheServersReasonOnWhenItRejectsTheRequest() {
        server.enqueue(ModelReply.error(404, "The model `test-model` does not exist"));

        assertThatThrownBy(() -> provider(2).complete(TestRequests.question("?"), listener))
                .isInstanceOf(LlmException.RequestRejected.class)
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("The model `test-model` does not exist");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void shouldRetryAStreamThatBrokeBeforeAnyTextWasShown() {
        server.enqueue(ModelReply.streamFailed("server_error", "The server had an error while processing"),
                ModelReply.text("recovered"));

        LlmReply reply = provider(2).complete(TestRequests.question("?"), listener);

        assertThat(reply.text()).isEqualTo("recovered");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void shouldNotRetryAStreamThatBrokeAfterTextWasShown() {
        server.enqueue(ModelReply.raw(200, "text/event-stream", chunk("{\"content\":\"Hal\"}", null)
                        + "data: {\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\",\"code\":null}}\n\n"),
                ModelReply.text("never served"));

        assertThatThrownBy(() -> provider(2).complete(TestRequests.question("?"), listener))
                .isInstanceOf(LlmException.Unavailable.class)
                .hasMessageContaining("overloaded");
        assertThat(listener.deltas()).containsExactly("Hal");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void shouldTreatAStreamThatStopsWithoutAFinishReasonAsUnavailable() {
        server.enqueue(ModelReply.raw(200, "text/event-stream", chunk("{\"content\":\"Hal\"}", null)));

        assertThatThrownBy(() -> provider(0).complete(TestRequests.question("?"), listener))
                .isInstanceOf(LlmException.Unavailable.class)
                .hasMessageContaining("ended before the reply was finished");
    }

    @Test
    void shouldAcceptToolCallsWithoutIndexOrIdAsSomeServersSendThem() {
        server.enqueue(ModelReply.raw(200, "text/event-stream",
                chunk("{\"tool_calls\":[{\"id\":\"a\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}", null)
                        + chunk("{\"tool_calls\":[{\"function\":{\"name\":\"g\",\"arguments\":\"{\\\"x\\\":1}\"}}]}",
                        null)
                        + chunk("{}", "tool_calls") + "data: [DONE]\n\n"));

        LlmReply reply = provider(0).complete(TestRequests.question("?"), listener);

        assertThat(reply.toolCalls()).containsExactly(new LlmToolCall("a", "f", "{}"),
                new LlmToolCall("call_1", "g", "{\"x\":1}"));
    }

    @Test
    void shouldNotCallTheServerWithoutAKey() {
        OpenAiProvider provider = provider(new ApiKey(Map.<String, String>of()::get, null), 2);

        assertThatThrownBy(() -> provider.complete(TestRequests.question("?"), listener))
                .isInstanceOf(LlmException.NotConfigured.class)
                .hasMessageContaining("OPENAI_API_KEY")
                .hasMessageContaining("carapulse.llm.api-key");
        assertThat(server.requests()).isEmpty();
        assertThat(provider.status().configured()).isFalse();
    }

    @Test
    void shouldReadTheKeyFromTheConfiguredFileWhenTheVariableIsUnset(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("openai-key");
        Files.writeString(file, KEY + "\n");
        server.enqueue(ModelReply.text("ok"));
        OpenAiProvider provider = provider(new ApiKey(Map.<String, String>of()::get,
                SecretRef.parse(ApiKey.SETTING, "file:" + file)), 2);

        provider.complete(TestRequests.question("?"), listener);

        assertThat(server.lastRequest().header("Authorization")).hasValue("Bearer " + KEY);
        assertThat(provider.status().credential()).isEqualTo("file:" + file);
    }

    @Test
    void shouldPreferTheEnvironmentVariableOverTheSetting() {
        server.enqueue(ModelReply.text("ok"));
        OpenAiProvider provider = provider(new ApiKey(Map.of(ApiKey.ENV, KEY, "OTHER", "sk-other-key")::get,
                SecretRef.parse(ApiKey.SETTING, "env:OTHER")), 2);

        provider.complete(TestRequests.question("?"), listener);

        assertThat(server.lastRequest().header("Authorization")).hasValue("Bearer " + KEY);
    }

    @Test
    void shouldShowItsConfigurationButNeverTheKey() {
        LlmStatus status = provider(2).status();

        assertThat(status.provider()).isEqualTo("openai");
        assertThat(status.configured()).isTrue();
        assertThat(status.model()).isEqualTo("test-model");
        assertThat(status.baseUrl()).isEqualTo(server.openAiBaseUrl());
        assertThat(status.credential()).isEqualTo("env:OPENAI_API_KEY");
        assertThat(status.toString()).doesNotContain(KEY);
    }

    /** One {@code chat.completion.chunk} frame with this delta. */
    static String chunk(String delta, String finishReason) {
        return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":"
                + "[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
                + (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}]}\n\n";
    }
}
