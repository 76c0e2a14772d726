package io.carapulse.testkit.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeModelServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeModelServer server = FakeModelServer.start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldStreamTextAsChatCompletionChunksEndingWithDone() throws Exception {
        server.enqueue(ModelReply.text("Hel", "lo"));

        HttpResponse<String> response = post("/v1/chat/completions", "{\"model\":\"m1\",\"stream\":true}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/event-stream"));
        List<String> data = dataLines(response.body());
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        List<JsonNode> chunks = data.subList(0, data.size() - 1).stream().map(FakeModelServerTest::json).toList();
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(c.path("model").asText()).isEqualTo("m1");
            assertThat(c.has("usage")).isFalse();
        });
        assertThat(chunks).extracting(c -> c.path("choices").path(0).path("delta").path("content").asText(null))
                .containsExactly("", "Hel", "lo", null);
        assertThat(chunks.get(chunks.size() - 1).path("choices").path(0).path("finish_reason").asText())
                .isEqualTo("stop");
    }

    @Test
    void shouldSendUsageInALastChunkOnlyWhenTheRequestAsksForIt() throws Exception {
        server.enqueue(ModelReply.text("hi").withUsage(7, 3));

        List<String> data = dataLines(post("/v1/chat/completions",
                "{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}").body());

        JsonNode last = json(data.get(data.size() - 2));
        assertThat(last.path("choices")).isEmpty();
        assertThat(last.path("usage").path("prompt_tokens").asLong()).isEqualTo(7);
        assertThat(last.path("usage").path("completion_tokens").asLong()).isEqualTo(3);
        assertThat(last.path("usage").path("total_tokens").asLong()).isEqualTo(10);
    }

    @Test
    void shouldSplitToolCallArgumentsOverChunksWithTheIdAndNameOnlyInTheFirst() throws Exception {
        server.enqueue(ModelReply.toolCalls(ModelReply.call("call_a", "get", "{\"x\":", "1}"),
                ModelReply.call("call_b", "put", "{}")));

        List<String> data = dataLines(post("/v1/chat/completions", "{\"model\":\"m\",\"stream\":true}").body());

        List<JsonNode> toolDeltas = new ArrayList<>();
        data.stream().filter(d -> !d.equals("[DONE]")).map(FakeModelServerTest::json)
                .map(c -> c.path("choices").path(0).path("delta").path("tool_calls"))
                .filter(JsonNode::isArray).forEach(a -> a.forEach(toolDeltas::add));
        assertThat(toolDeltas).extracting(t -> t.path("index").asInt()).containsExactly(0, 0, 0, 1, 1);
        assertThat(toolDeltas).extracting(t -> t.path("id").asText(null))
                .containsExactly("call_a", null, null, "call_b", null);
        assertThat(toolDeltas).extracting(t -> t.path("function").path("arguments").asText())
                .containsExactly("", "{\"x\":", "1}", "", "{}");
        JsonNode finish = json(data.get(data.size() - 2));
        assertThat(finish.path("choices").path(0).path("finish_reason").asText()).isEqualTo("tool_calls");
    }

    @Test
    void shouldAnswerANonStreamedRequestWithOneCompletion() throws Exception {
        server.enqueue(ModelReply.text("a", "b").withToolCalls(ModelReply.call("call_1", "f", "{}")).withUsage(4, 2));

        HttpResponse<String> response = post("/v1/chat/completions", "{\"model\":\"m\"}");

        JsonNode body = json(response.body());
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        JsonNode message = body.path("choices").path(0).path("message");
        assertThat(message.path("content").asText()).isEqualTo("ab");
        assertThat(message.path("tool_calls").path(0).path("function").path("name").asText()).isEqualTo("f");
        assertThat(body.path("usage").path("total_tokens").asLong()).isEqualTo(6);
    }

    @Test
    void shouldStreamTheResponsesEventsTheCodexBackendSendsWithAnEmptyCompletedOutput() throws Exception {
        server.enqueue(ModelReply.text("O", "K").withToolCalls(ModelReply.call("call_9", "look", "{\"a\"", ":1}"))
                .withUsage(30, 8));

        HttpResponse<String> response = post("/backend-api/codex/responses", "{\"model\":\"codex\",\"stream\":true}");

        List<String[]> events = events(response.body());
        assertThat(events).extracting(e -> e[0]).containsExactly(
                "response.created", "response.in_progress",
                "response.output_item.added", "response.output_item.done",
                "response.output_item.added", "response.content_part.added",
                "response.output_text.delta", "response.output_text.delta", "response.output_text.done",
                "response.content_part.done", "response.output_item.done",
                "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.delta", "response.function_call_arguments.done",
                "response.output_item.done", "response.completed");
        assertThat(events).allSatisfy(e -> assertThat(json(e[1]).path("type").asText()).isEqualTo(e[0]));
        JsonNode callDone = json(events.get(15)[1]).path("item");
        assertThat(callDone.path("call_id").asText()).isEqualTo("call_9");
        assertThat(callDone.path("arguments").asText()).isEqualTo("{\"a\":1}");
        JsonNode completed = json(events.get(16)[1]).path("response");
        assertThat(completed.path("output")).isEmpty();
        assertThat(completed.path("usage").path("input_tokens").asLong()).isEqualTo(30);
        assertThat(completed.path("usage").path("output_tokens").asLong()).isEqualTo(8);
    }

    @Test
    void shouldFailAResponsesStreamWithResponseFailed() throws Exception {
        server.enqueue(ModelReply.streamFailed("server_error", "boom"));

        List<String[]> events = events(post("/backend-api/codex/responses", "{\"stream\":true}").body());

        String[] last = events.get(events.size() - 1);
        assertThat(last[0]).isEqualTo("response.failed");
        assertThat(json(last[1]).path("response").path("error").path("code").asText()).isEqualTo("server_error");
    }

    @Test
    void shouldRecordEveryRequestAndServeRepliesInOrder() throws Exception {
        server.enqueue(ModelReply.error(429, "slow down").withHeader("Retry-After", "3"), ModelReply.text("ok"));

        HttpResponse<String> first = post("/v1/chat/completions", "{\"n\":1}");
        HttpResponse<String> second = post("/v1/chat/completions", "{\"n\":2}");

        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("retry-after")).hasValue("3");
        assertThat(json(first.body()).path("error").path("message").asText()).isEqualTo("slow down");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(server.requests()).extracting(RecordedRequest::body).containsExactly("{\"n\":1}", "{\"n\":2}");
        assertThat(server.lastRequest().method()).isEqualTo("POST");
        assertThat(server.lastRequest().header("X-Test")).hasValue("yes");
        assertThat(server.remaining()).isZero();
    }

    @Test
    void shouldRefuseARequestWhenTheScriptHasRunOut() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains(FakeModelServer.NO_REPLY_LEFT);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void shouldHoldADelayedReplyPastTheClientsTimeout() {
        server.enqueue(ModelReply.text("late").withDelay(Duration.ofSeconds(30)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "/v1/chat/completions"))
                .timeout(Duration.ofMillis(200)).POST(HttpRequest.BodyPublishers.ofString("{}")).build();

        assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).header("X-Test", "yes")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> dataLines(String sse) {
        return Arrays.stream(sse.split("\n")).filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
    }

    /** {event, data} pairs. */
    private static List<String[]> events(String sse) {
        List<String[]> out = new ArrayList<>();
        for (String block : sse.split("\n\n")) {
            String event = null;
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
            if (data != null) {
                out.add(new String[] {event, data});
            }
        }
        return out;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(text, e);
        }
    }
}
