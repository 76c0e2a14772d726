package io.carapulse.llm.codex;

import com.openai.models.ChatModel;
import com.openai.models.ResponsesModel;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseError;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseOutputMessage;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseUsage;
import io.carapulse.api.llm.LlmException;
import io.carapulse.api.llm.LlmListener;
import io.carapulse.api.llm.LlmReply;
import io.carapulse.api.llm.LlmToolCall;
import io.carapulse.api.llm.LlmUsage;
import io.carapulse.llm.call.Failure;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Rebuilds one reply from the Responses events of the Codex backend. Text comes from
 * {@code response.output_text.delta} (passed to the listener as it arrives), or from the message in
 * {@code response.output_item.done} when no delta came for it; tool calls come from
 * {@code function_call} items in {@code response.output_item.done} ({@code call_id}, {@code name},
 * {@code arguments} verbatim). {@code response.completed} ends the stream and gives the usage; the
 * backend usually sends it with an empty {@code output}, and whatever it does list that the item
 * events did not is added. {@code response.failed} and {@code error} events end the call with a
 * mapped error. Other events (reasoning items, content parts, argument deltas …) are not needed.
 */
final class CodexStream {

    private final LlmListener listener;
    private final CodexErrors errors;
    private final StringBuilder text = new StringBuilder();
    private final Set<String> messagesWithText = new HashSet<>();
    private final List<LlmToolCall> toolCalls = new ArrayList<>();
    private final Set<String> callIds = new HashSet<>();
    private String model;
    private LlmUsage usage = LlmUsage.NONE;
    private boolean ended;

    CodexStream(String requestedModel, LlmListener listener, CodexErrors errors) {
        this.model = requestedModel;
        this.listener = listener;
        this.errors = errors;
    }

    void accept(ResponseStreamEvent event) {
        event.outputTextDelta().ifPresent(delta -> {
            String piece = delta._delta().asKnown().orElse("");
            if (!piece.isEmpty()) {
                messagesWithText.add(delta._itemId().asKnown().orElse(""));
                append(piece);
            }
        });
        event.outputItemDone().ifPresent(done -> done._item().asKnown().ifPresent(this::item));
        event.completed().ifPresent(completed -> end(completed._response().asKnown()));
        event.incomplete().ifPresent(incomplete -> end(incomplete._response().asKnown()));
        event.failed().ifPresent(failed -> {
            Optional<ResponseError> error = failed._response().asKnown().flatMap(Response::error);
            throw fail(errors.streamFailure(error.flatMap(e -> e._code().asKnown()).map(Object::toString).orElse(""),
                    error.flatMap(e -> e._message().asKnown()).orElse("")));
        });
        event.error().ifPresent(error -> {
            throw fail(errors.streamFailure(error.code().orElse(""), error._message().asKnown().orElse("")));
        });
    }

    private static StreamFailed fail(Failure failure) {
        return new StreamFailed(failure);
    }

    private void item(ResponseOutputItem item) {
        item.message().ifPresent(this::message);
        item.functionCall().ifPresent(this::functionCall);
    }

    private void message(ResponseOutputMessage message) {
        String id = message._id().asKnown().orElse("");
        if (!messagesWithText.add(id)) {
            return;
        }
        for (ResponseOutputMessage.Content part : message._content().asKnown().orElse(List.of())) {
            part.outputText().flatMap(t -> t._text().asKnown()).ifPresent(this::append);
        }
    }

    private void functionCall(ResponseFunctionToolCall call) {
        String callId = call._callId().asKnown().orElse(null);
        String name = call._name().asKnown().orElse(null);
        if (callId == null || name == null) {
            throw new LlmException.Unavailable("the Codex backend sent a function call without call_id or name", null);
        }
        if (callIds.add(callId)) {
            toolCalls.add(new LlmToolCall(callId, name, call._arguments().asKnown().orElse("")));
        }
    }

    private void append(String piece) {
        text.append(piece);
        listener.onText(piece);
    }

    private void end(Optional<Response> response) {
        ended = true;
        response.ifPresent(r -> {
            r._model().asKnown().flatMap(CodexStream::modelName).ifPresent(m -> model = m);
            r._usage().asKnown().ifPresent(this::usage);
            r._output().asKnown().orElse(List.of()).forEach(this::item);
        });
    }

    private void usage(ResponseUsage u) {
        usage = new LlmUsage(u._inputTokens().asKnown().orElse(0L), u._outputTokens().asKnown().orElse(0L));
    }

    private static Optional<String> modelName(ResponsesModel model) {
        return model.string()
                .or(() -> model.chat().map(ChatModel::asString))
                .or(() -> model.only().map(Object::toString))
                .filter(m -> !m.isBlank());
    }

    /**
     * The reply, once the stream has ended.
     *
     * @throws LlmException.Unavailable when it stopped before {@code response.completed}
     */
    LlmReply reply() {
        if (!ended) {
            throw new LlmException.Unavailable("the Codex backend's stream ended before response.completed", null);
        }
        return new LlmReply(text.toString(), toolCalls, usage, model);
    }

    /** Carries a mapped stream failure out of the SDK's event loop to {@link CodexErrors#classify}. */
    static final class StreamFailed extends RuntimeException {

        private final transient Failure failure;

        StreamFailed(Failure failure) {
            super(failure.error().getMessage(), null, false, false);
            this.failure = failure;
        }

        Failure failure() {
            return failure;
        }
    }
}
