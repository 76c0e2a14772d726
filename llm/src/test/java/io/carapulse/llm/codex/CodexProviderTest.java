package io.carapulse.llm.codex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.llm.LlmException;
import io.carapulse.api.llm.LlmReply;
import io.carapulse.api.llm.LlmStatus;
import io.carapulse.api.llm.LlmToolCall;
import io.carapulse.api.llm.LlmUsage;
import io.carapulse.llm.auth.CodexCredential;
import io.carapulse.llm.call.CallPolicy;
import io.carapulse.llm.call.CollectingListener;
import io.carapulse.llm.call.RecordingSleeper;
import io.carapulse.llm.call.TestRequests;
import io.carapulse.testkit.llm.FakeModelServer;
import io.carapulse.testkit.llm.ModelReply;
import io.carapulse.testkit.llm.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CodexProviderTest {

    /** Canary tokens: they must reach the Authorization header and nothing else. */
    static final String ACCESS = "eyJhbGciOiJSUzI1NiJ9.canary-access-one.sig";
    static final String REFRESHED = "eyJhbGciOiJSUzI1NiJ9.canary-access-two.sig";
    static final String ACCOUNT = "11111111-2222-3333-4444-555555555555";
    static final Instant EXPIRES = Instant.parse("2026-12-01T10:00:00Z");

    static final CodexCredential FIRST = new CodexCredential(ACCESS, ACCOUNT, "profile:openai-codex:" + ACCOUNT,
            EXPIRES);
    static final CodexCredential SECOND = new CodexCredential(REFRESHED, ACCOUNT, "profile:openai-codex:" + ACCOUNT,
            EXPIRES.plusSeconds(3600));

    private final FakeModelServer server = FakeModelServer.start();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final CollectingListener listener = new CollectingListener();

    @AfterEach
    void stop() {
        server.close();
    }

    private CodexProvider provider(FakeCredentials credentials, int maxRetries) {
        return new CodexProvider(server.codexBaseUrl(), "gpt-5.2-codex", credentials,
                new CallPolicy(maxRetries, Duration.ofMinutes(1), sleeper), Clock.systemUTC());
    }

    private CodexProvider provider() {
        return provider(new FakeCredentials(FIRST, SECOND), 2);
    }

    @Test
    void shouldSendEveryHeaderTheCodexBackendRequires() {
        server.enqueue(ModelReply.text("ok"));

        provider().complete(TestRequests.withHistory(500), listener);

        RecordedRequest request = server.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/backend-api/codex/responses");
        assertThat(request.headerValues("Authorization")).containsExactly("Bearer " + ACCESS);
        assertThat(request.headerValues("ChatGPT-Account-ID")).containsExactly(ACCOUNT);
        assertThat(request.headerValues("originator")).containsExactly("carapulse");
        assertThat(request.headerValues("session_id")).containsExactly(TestRequests.CONVERSATION);
        assertThat(request.headerValues("Accept")).containsExactly("text/event-stream");
    }

    @Test
    void shouldSendTheBodyTheCodexBackendAcceptsAndNoMaxOutputTokens() {
        server.enqueue(ModelReply.text("ok"));

        provider().complete(TestRequests.withHistory(500), listener);

        JsonNode body = server.lastRequest().json();
        assertThat(body.path("model").asText()).isEqualTo("gpt-5.2-codex");
        assertThat(body.path("instructions").asText()).isEqualTo(TestRequests.INSTRUCTIONS);
        assertThat(body.path("store").isBoolean()).isTrue();
        assertThat(body.path("store").asBoolean()).isFalse();
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.has("max_output_tokens")).isFalse();
        JsonNode input = body.path("input");
        assertThat(input.isArray()).isTrue();
        assertThat(StreamSupport.stream(input.spliterator(), false).map(i -> i.path("type").asText()))
                .containsExactly("message", "message", "function_call", "function_call_output", "message");
        assertThat(StreamSupport.stream(input.spliterator(), false).map(i -> i.path("role").asText(null)))
                .containsExactly("user", "assistant", null, null, "user");
        assertThat(input.path(0).path("content").asText()).isEqualTo("How many pods run in web?");
        assertThat(input.path(1).path("content").asText()).isEqualTo("Let me look.");
        JsonNode call = input.path(2);
        assertThat(call.path("call_id").asText()).isEqualTo("call_1");
        assertThat(call.path("name").asText()).isEqualTo("kubectl_get");
        assertThat(call.path("arguments").asText()).isEqualTo("{\"kind\":\"pods\",\"namespace\":\"web\"}");
        assertThat(call.has("id")).as("store=false: no server item ids").isFalse();
        assertThat(input.path(3).path("call_id").asText()).isEqualTo("call_1");
        assertThat(input.path(3).path("output").asText()).isEqualTo("3 pods Running");
        JsonNode tool = body.path("tools").path(0);
        assertThat(tool.path("type").asText()).isEqualTo("function");
        assertThat(tool.path("name").asText()).isEqualTo("kubectl_get");
        assertThat(tool.path("description").asText()).isEqualTo("Read Kubernetes objects.");
        assertThat(tool.path("parameters")).isEqualTo(TestRequests.schema());
        assertThat(tool.path("strict").asBoolean(true)).isFalse();
        assertThat(body.path("tool_choice").asText()).isEqualTo("auto");
    }

    @Test
    void shouldRebuildTextAndToolCallsFromTheItemEventsWhenCompletedHasNoOutput() {
        server.enqueue(ModelReply.text("Listing ", "pods.")
                .withToolCalls(ModelReply.call("call_9", "kubectl_get", "{\"kind\":", "\"pods\"}"),
                        ModelReply.call("call_10", "kubectl_get", "{\"kind\":\"nodes\"}"))
                .withUsage(30, 8));

        LlmReply reply = provider().complete(TestRequests.question("?"), listener);

        assertThat(listener.deltas()).containsExactly("Listing ", "pods.");
        assertThat(reply.text()).isEqualTo("Listing pods.");
        assertThat(reply.toolCalls()).containsExactly(
                new LlmToolCall("call_9", "kubectl_get", "{\"kind\":\"pods\"}"),
                new LlmToolCall("call_10", "kubectl_get", "{\"kind\":\"nodes\"}"));
        assertThat(reply.usage()).isEqualTo(new LlmUsage(30, 8));
        assertThat(reply.model()).isEqualTo("gpt-5.2-codex");
    }

    @Test
    void shouldReadAStreamInTheRealEventFormatIgnoringEventsItDoesNotNeed() {
        server.enqueue(ModelReply.raw(200, "text/event-stream", fixture("text-and-call.sse")));

        LlmReply reply = provider().complete(TestRequests.question("?"), listener);

        assertThat(listener.deltas()).containsExactly("I'll list", " the pods.");
        assertThat(reply.text()).isEqualTo("I'll list the pods.");
        assertThat(reply.toolCalls())
                .containsExactly(new LlmToolCall("call_Xk2pQ", "kubectl_get", "{\"kind\":\"pods\"}"));
        assertThat(reply.usage()).isEqualTo(new LlmUsage(2310, 87));
    }

    @Test
    void shouldReturnAnEmptyReplyWhenCompletedCarriesNoOutputAndNoItemsCame() {
        server.enqueue(ModelReply.raw(200, "text/event-stream", fixture("completed-only.sse")));

        LlmReply reply = provider().complete(TestRequests.question("?"), listener);

        assertThat(reply.text()).isEmpty();
        assertThat(reply.toolCalls()).isEmpty();
        assertThat(reply.usage()).isEqualTo(new LlmUsage(40, 0));
    }

    @Test
    void shouldTakeTheReplyFromCompletedWhenItListsOutputTheItemEventsDidNot() {
        server.enqueue(ModelReply.raw(200, "text/event-stream", fixture("completed-with-output.sse")));

        LlmReply reply = provider().complete(TestRequests.question("?"), listener);

        assertThat(reply.text()).isEqualTo("Scaling needs a plan.");
        assertThat(reply.toolCalls()).containsExactly(new LlmToolCall("call_plan", "propose_plan", "{\"steps\":[]}"));
        assertThat(listener.deltas()).containsExactly("Scaling needs a plan.");
    }

    @Test
    void shouldRefreshOnceAfterA401AndRetryWithTheNewToken() {
        FakeCredentials credentials = new FakeCredentials(FIRST, SECOND);
        server.enqueue(ModelReply.error(401, "Your authentication token has expired."), ModelReply.text("ok"));

        LlmReply reply = provider(credentials, 2).complete(TestRequests.question("?"), listener);

        assertThat(reply.text()).isEqualTo("ok");
        assertThat(credentials.rejected()).containsExactly(FIRST);
        assertThat(server.requests()).extracting(r -> r.header("Authorization").orElseThrow())
                .containsExactly("Bearer " + ACCESS, "Bearer " + REFRESHED);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void shouldEndAsAuthExpiredWhenTheRefreshedTokenIsRefusedToo() {
        FakeCredentials credentials = new FakeCredentials(FIRST, SECOND);
        server.enqueue(ModelReply.error(401, "token " + ACCESS + " expired"),
                ModelReply.error(401, "token " + REFRESHED + " expired"), ModelReply.text("never served"));

        assertThatThrownBy(() -> provider(credentials, 2).complete(TestRequests.question("?"), listener))
                .isInstanceOf(LlmException.AuthExpired.class)
                .hasMessageContaining("assistantctl llm auth login")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("canary"));
        assertThat(server.requests()).hasSize(2);
        assertThat(credentials.rejected()).containsExactly(FIRST);
    }

    @Test
    void shouldPassOnTheSourcesVerdictWhenNothingIsLeftToRefresh() {
        FakeCredentials credentials = new FakeCredentials(FIRST);
        server.enqueue(ModelReply.error(401, "expired"), ModelReply.text("never served"));

        assertThatThrownBy(() -> provider(credentials, 2).complete(TestRequests.question("?"), listener))
                .isInstanceOf(LlmException.AuthExpired.class)
                .hasMessageContaining("refresh token was already used");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void shouldNotCallTheBackendWithoutACredential() {
        FakeCredentials credentials = FakeCredentials.failing(new LlmException.NotConfigured(
                "No openai-codex profile: run assistantctl llm auth login"));

        assertThatThrownBy(() -> provider(credentials, 2).complete(TestRequests.question("?"), listener))
                .isInstanceOf(LlmException.NotConfigured.class);
        assertThat(server.requests()).isEmpty();
        assertThat(provider(credentials, 2).status().configured()).isFalse();
        assertThat(provider(credentials, 2).status().detail()).contains("assistantctl llm auth login");
    }

    @Test
    void shouldRetryAFailedResponseAndThenSucceed() {
        server.enqueue(ModelReply.streamFailed("server_error", "An error occurred while processing your request."),
                ModelReply.text("second time lucky"));

        LlmReply reply = provider().complete(TestRequests.question("?"), listener);

        assertThat(reply.text()).isEqualTo("second time lucky");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void shouldMapAFailedResponseThatKeepsFailingToUnavailable() {
        server.enqueue(ModelReply.streamFailed("server_error", "An error occurred while processing your request."));

        assertThatThrownBy(() -> provider(new FakeCredentials(FIRST), 0).complete(TestRequests.question("?"), listener))
                .isInstanceOf(LlmException.Unavailable.class)
                .hasMessageContaining("server_error")
                .hasMessageContaining("An error occurred while processing your request.");
    }

    @Test
    void shouldRejectARequestTheBackendCallsTooLongWithoutRetrying() {
        server.enqueue(ModelReply.streamFailed("context_length_exceeded", "Your input exceeds the context window."),
                ModelReply.text("never served"));

        assertThatThrownBy(() -> provider().complete(TestRequests.question("?"), listener))
                .isInstanceOf(LlmException.RequestRejected.class)
                .hasMessageContaining("context window");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void shouldNotRetryWhenTheAccountsUsageLimitIsReached() {
        server.enqueue(ModelReply.streamFailed("usage_limit_reached", "The usage limit has been reached"),
                ModelReply.text("never served"));

        assertThatThrownBy(() -> provider().complete(TestRequests.question("?"), listener))
                .isInstanceOf(LlmException.Unavailable.class)
                .hasMessageContaining("usage limit");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void shouldMapAnErrorEventByItsCode() {
        server.enqueue(ModelReply.errorEvent("invalid_prompt", "Invalid prompt: flagged"),
                ModelReply.text("never served"));

        assertThatThrownBy(() -> provider().complete(TestRequests.question("?"), listener))
                .isInstanceOf(LlmException.RequestRejected.class)
                .hasMessageContaining("invalid_prompt");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void shouldMapAnErrorEventWithANestedErrorObject() {
        server.enqueue(ModelReply.raw(200, "text/event-stream", fixture("error-event.sse")));

        assertThatThrownBy(() -> provider().complete(TestRequests.question("?"), listener))
                .isInstanceOf(LlmException.RequestRejected.class)
                .hasMessageContaining("context_length_exceeded")
                .hasMessageContaining("exceeds the context window");
    }

    @Test
    void shouldGiveUpAtOnceWhenTheUsageLimitResetsAfterTheDeadline() {
        server.enqueue(ModelReply.raw(429, "application/json", "{\"error\":{\"type\":\"usage_limit_reached\","
                + "\"message\":\"The usage limit has been reached\",\"plan_type\":\"plus\","
                + "\"resets_in_seconds\":3600}}"),
                ModelReply.text("never served"));

        assertThatThrownBy(() -> provider().complete(TestRequests.question("?"), listener))
                .isInstanceOf(LlmException.Unavailable.class)
                .hasMessageContaining("usage limit has been reached");
        assertThat(server.requests()).hasSize(1);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void shouldRefuseAForbiddenAccountWithTheLoginCommand() {
        server.enqueue(ModelReply.error(403, "Your workspace does not have access to Codex."));

        assertThatThrownBy(() -> provider().complete(TestRequests.question("?"), listener))
                .isInstanceOf(LlmException.AuthExpired.class)
                .hasMessageContaining("HTTP 403")
                .hasMessageContaining("assistantctl llm auth login");
    }

    @Test
    void shouldEndAsUnavailableWhenTheBackendDoesNotAnswerInTime() {
        server.enqueue(ModelReply.text("late").withDelay(Duration.ofSeconds(30)));

        assertThatThrownBy(() -> provider().complete(TestRequests.question("?", Duration.ofMillis(700)), listener))
                .isInstanceOf(LlmException.Unavailable.class)
                .hasMessageContaining("did not answer within the time left");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void shouldShowWhereTheTokenComesFromAndWhenItExpiresButNeverTheToken() {
        LlmStatus status = provider().status();

        assertThat(status.provider()).isEqualTo("openai-codex");
        assertThat(status.configured()).isTrue();
        assertThat(status.model()).isEqualTo("gpt-5.2-codex");
        assertThat(status.credential()).isEqualTo("profile:openai-codex:" + ACCOUNT);
        assertThat(status.expiresAt()).isEqualTo(EXPIRES);
        assertThat(status.toString()).doesNotContain(ACCESS);
    }

    private static String fixture(String name) {
        try (InputStream in = CodexProviderTest.class.getResourceAsStream("/codex/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
