package io.carapulse.testkit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link ModelReply} as the Responses API streams it on the Codex backend:
 * {@code response.created}, {@code response.in_progress}, a reasoning item, the message item with its
 * {@code response.output_text.delta} events, one {@code function_call} item per call with its
 * argument deltas, each closed by {@code response.output_item.done}, and finally
 * {@code response.completed} carrying the usage and, as the Codex backend does, an <em>empty</em>
 * {@code output}: clients must rebuild the reply from the item events.
 */
final class ResponsesFormat {

    private static final long CREATED = 1_764_000_000L;

    private ResponsesFormat() {
    }

    static Rendered render(ModelReply reply, JsonNode request, int sequence) {
        String model = reply.model() != null ? reply.model() : request.path("model").asText("fake-codex");
        Stream s = new Stream("resp_fake" + sequence, model);
        return switch (reply.kind()) {
            case CONTENT -> request.path("stream").asBoolean(false)
                    ? new Rendered(200, Rendered.SSE, s.content(reply))
                    : Rendered.json(200, s.response("completed", fullOutput(reply), usage(reply)));
            case HTTP_ERROR -> Rendered.json(reply.status(), Rendered.errorBody(reply.status(), reply.errorCode(),
                    reply.errorMessage()));
            case STREAM_FAILED -> new Rendered(200, Rendered.SSE, s.failed(reply.errorCode(), reply.errorMessage()));
            case ERROR_EVENT -> new Rendered(200, Rendered.SSE, s.errorEvent(reply.errorCode(), reply.errorMessage()));
            case RAW -> throw new IllegalStateException("raw replies are served verbatim by the server");
        };
    }

    /** The items a non-streamed response lists in {@code output}. */
    private static ArrayNode fullOutput(ModelReply reply) {
        ArrayNode output = Rendered.JSON.createArrayNode();
        if (!reply.textDeltas().isEmpty()) {
            output.add(message("msg_fake", "completed", reply.text()));
        }
        for (int i = 0; i < reply.calls().size(); i++) {
            ModelReply.Call call = reply.calls().get(i);
            output.add(functionCall("fc_fake" + i, call, call.arguments(), "completed"));
        }
        return output;
    }

    private static ObjectNode message(String id, String status, String text) {
        ObjectNode item = Rendered.JSON.createObjectNode();
        item.put("id", id);
        item.put("type", "message");
        item.put("status", status);
        item.put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (text != null) {
            content.add(outputText(text));
        }
        return item;
    }

    private static ObjectNode outputText(String text) {
        ObjectNode part = Rendered.JSON.createObjectNode();
        part.put("type", "output_text");
        part.put("text", text);
        part.putArray("annotations");
        return part;
    }

    private static ObjectNode functionCall(String id, ModelReply.Call call, String arguments, String status) {
        ObjectNode item = Rendered.JSON.createObjectNode();
        item.put("id", id);
        item.put("type", "function_call");
        item.put("status", status);
        item.put("arguments", arguments);
        item.put("call_id", call.id());
        item.put("name", call.name());
        return item;
    }

    private static ObjectNode usage(ModelReply reply) {
        ObjectNode usage = Rendered.JSON.createObjectNode();
        usage.put("input_tokens", reply.inputTokens());
        usage.putObject("input_tokens_details").put("cached_tokens", 0);
        usage.put("output_tokens", reply.outputTokens());
        usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
        usage.put("total_tokens", reply.inputTokens() + reply.outputTokens());
        return usage;
    }

    /** Builds one stream's events with increasing {@code sequence_number}s. */
    private static final class Stream {

        private final String id;
        private final String model;
        private final List<String> frames = new ArrayList<>();
        private int sequence;

        Stream(String id, String model) {
            this.id = id;
            this.model = model;
        }

        List<String> content(ModelReply reply) {
            start();
            int index = 0;
            ObjectNode reasoning = Rendered.JSON.createObjectNode();
            reasoning.put("id", "rs_fake");
            reasoning.put("type", "reasoning");
            reasoning.putArray("summary");
            event("response.output_item.added", e -> e.put("output_index", 0).set("item", reasoning));
            event("response.output_item.done", e -> e.put("output_index", 0).set("item", reasoning));
            index++;
            if (!reply.textDeltas().isEmpty()) {
                int at = index++;
                event("response.output_item.added", e -> e.put("output_index", at)
                        .set("item", message("msg_fake", "in_progress", null)));
                event("response.content_part.added", e -> part(e, at).set("part", outputText("")));
                for (String delta : reply.textDeltas()) {
                    event("response.output_text.delta", e -> part(e, at).put("delta", delta).putArray("logprobs"));
                }
                event("response.output_text.done", e -> part(e, at).put("text", reply.text()).putArray("logprobs"));
                event("response.content_part.done", e -> part(e, at).set("part", outputText(reply.text())));
                event("response.output_item.done", e -> e.put("output_index", at)
                        .set("item", message("msg_fake", "completed", reply.text())));
            }
            for (int i = 0; i < reply.calls().size(); i++) {
                ModelReply.Call call = reply.calls().get(i);
                String itemId = "fc_fake" + i;
                int at = index++;
                event("response.output_item.added", e -> e.put("output_index", at)
                        .set("item", functionCall(itemId, call, "", "in_progress")));
                for (String fragment : call.argumentFragments()) {
                    event("response.function_call_arguments.delta", e -> e.put("item_id", itemId)
                            .put("output_index", at).put("delta", fragment));
                }
                event("response.function_call_arguments.done", e -> e.put("item_id", itemId)
                        .put("output_index", at).put("arguments", call.arguments()));
                event("response.output_item.done", e -> e.put("output_index", at)
                        .set("item", functionCall(itemId, call, call.arguments(), "completed")));
            }
            ObjectNode completed = response("completed", Rendered.JSON.createArrayNode(), usage(reply));
            event("response.completed", e -> e.set("response", completed));
            return frames;
        }

        List<String> failed(String code, String message) {
            start();
            ObjectNode response = response("failed", Rendered.JSON.createArrayNode(), null);
            ObjectNode error = response.putObject("error");
            error.put("code", code);
            error.put("message", message);
            event("response.failed", e -> e.set("response", response));
            return frames;
        }

        List<String> errorEvent(String code, String message) {
            start();
            event("error", e -> e.put("code", code).put("message", message).putNull("param"));
            return frames;
        }

        private void start() {
            ObjectNode created = response("in_progress", Rendered.JSON.createArrayNode(), null);
            event("response.created", e -> e.set("response", created));
            ObjectNode inProgress = response("in_progress", Rendered.JSON.createArrayNode(), null);
            event("response.in_progress", e -> e.set("response", inProgress));
        }

        private ObjectNode part(ObjectNode event, int outputIndex) {
            return event.put("item_id", "msg_fake").put("output_index", outputIndex).put("content_index", 0);
        }

        ObjectNode response(String status, ArrayNode output, ObjectNode usage) {
            ObjectNode r = Rendered.JSON.createObjectNode();
            r.put("id", id);
            r.put("object", "response");
            r.put("created_at", CREATED);
            r.put("status", status);
            r.putNull("error");
            r.putNull("incomplete_details");
            r.put("model", model);
            r.set("output", output);
            r.put("parallel_tool_calls", true);
            r.put("store", false);
            if (usage == null) {
                r.putNull("usage");
            } else {
                r.set("usage", usage);
            }
            return r;
        }

        private void event(String type, java.util.function.Consumer<ObjectNode> fill) {
            ObjectNode data = Rendered.JSON.createObjectNode();
            data.put("type", type);
            data.put("sequence_number", sequence++);
            fill.accept(data);
            frames.add("event: " + type + "\ndata: " + Rendered.write(data) + "\n\n");
        }
    }
}
