package io.carapulse.testkit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link ModelReply} as OpenAI's Chat Completions API does: {@code chat.completion.chunk}
 * frames ending {@code data: [DONE]} when the request has {@code "stream": true}, one
 * {@code chat.completion} object otherwise. Usage travels in a last chunk with no choices, only when
 * the request set {@code stream_options.include_usage}.
 */
final class ChatCompletionsFormat {

    private static final long CREATED = 1_764_000_000L;

    private ChatCompletionsFormat() {
    }

    static Rendered render(ModelReply reply, JsonNode request, int sequence) {
        String model = reply.model() != null ? reply.model() : request.path("model").asText("fake-model");
        String id = "chatcmpl-fake" + sequence;
        return switch (reply.kind()) {
            case CONTENT -> request.path("stream").asBoolean(false)
                    ? stream(reply, request, id, model)
                    : Rendered.json(200, completion(reply, id, model));
            case HTTP_ERROR -> Rendered.json(reply.status(), Rendered.errorBody(reply.status(), reply.errorCode(),
                    reply.errorMessage()));
            case STREAM_FAILED, ERROR_EVENT -> new Rendered(200, Rendered.SSE, List.of(
                    frame(chunk(id, model, Rendered.JSON.createObjectNode(), null, false)),
                    frame(Rendered.errorBody(500, reply.errorCode(), reply.errorMessage()))));
            case RAW -> throw new IllegalStateException("raw replies are served verbatim by the server");
        };
    }

    private static Rendered stream(ModelReply reply, JsonNode request, String id, String model) {
        boolean includeUsage = request.path("stream_options").path("include_usage").asBoolean(false);
        List<String> frames = new ArrayList<>();
        ObjectNode first = Rendered.JSON.createObjectNode();
        first.put("role", "assistant");
        first.put("content", "");
        frames.add(frame(chunk(id, model, first, null, includeUsage)));
        for (String delta : reply.textDeltas()) {
            ObjectNode d = Rendered.JSON.createObjectNode();
            d.put("content", delta);
            frames.add(frame(chunk(id, model, d, null, includeUsage)));
        }
        for (int index = 0; index < reply.calls().size(); index++) {
            ModelReply.Call call = reply.calls().get(index);
            frames.add(frame(chunk(id, model, toolDelta(index, call, ""), null, includeUsage)));
            for (String fragment : call.argumentFragments()) {
                frames.add(frame(chunk(id, model, toolDelta(index, null, fragment), null, includeUsage)));
            }
        }
        frames.add(frame(chunk(id, model, Rendered.JSON.createObjectNode(), finishReason(reply), includeUsage)));
        if (includeUsage) {
            ObjectNode last = base(id, model);
            last.putArray("choices");
            last.set("usage", usage(reply));
            frames.add(frame(last));
        }
        frames.add("data: [DONE]\n\n");
        return new Rendered(200, Rendered.SSE, frames);
    }

    /** The first delta of a call carries its id, type and name; later ones only argument text. */
    private static ObjectNode toolDelta(int index, ModelReply.Call call, String arguments) {
        ObjectNode toolCall = Rendered.JSON.createObjectNode();
        toolCall.put("index", index);
        ObjectNode function = Rendered.JSON.createObjectNode();
        if (call != null) {
            toolCall.put("id", call.id());
            toolCall.put("type", "function");
            function.put("name", call.name());
        }
        function.put("arguments", arguments);
        toolCall.set("function", function);
        ObjectNode delta = Rendered.JSON.createObjectNode();
        delta.putArray("tool_calls").add(toolCall);
        return delta;
    }

    private static ObjectNode completion(ModelReply reply, String id, String model) {
        ObjectNode body = base(id, model);
        body.put("object", "chat.completion");
        ObjectNode message = Rendered.JSON.createObjectNode();
        message.put("role", "assistant");
        if (reply.textDeltas().isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", reply.text());
        }
        message.putNull("refusal");
        if (!reply.calls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (ModelReply.Call call : reply.calls()) {
                ObjectNode c = calls.addObject();
                c.put("id", call.id());
                c.put("type", "function");
                c.putObject("function").put("name", call.name()).put("arguments", call.arguments());
            }
        }
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("message", message);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason(reply));
        body.set("usage", usage(reply));
        return body;
    }

    private static ObjectNode chunk(String id, String model, ObjectNode delta, String finishReason,
            boolean includeUsage) {
        ObjectNode chunk = base(id, model);
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        if (includeUsage) {
            chunk.putNull("usage");
        }
        return chunk;
    }

    private static ObjectNode base(String id, String model) {
        ObjectNode node = Rendered.JSON.createObjectNode();
        node.put("id", id);
        node.put("object", "chat.completion.chunk");
        node.put("created", CREATED);
        node.put("model", model);
        node.put("system_fingerprint", "fp_fake");
        return node;
    }

    private static ObjectNode usage(ModelReply reply) {
        ObjectNode usage = Rendered.JSON.createObjectNode();
        usage.put("prompt_tokens", reply.inputTokens());
        usage.put("completion_tokens", reply.outputTokens());
        usage.put("total_tokens", reply.inputTokens() + reply.outputTokens());
        return usage;
    }

    private static String finishReason(ModelReply reply) {
        return reply.calls().isEmpty() ? "stop" : "tool_calls";
    }

    private static String frame(ObjectNode data) {
        return "data: " + Rendered.write(data) + "\n\n";
    }
}
