package io.carapulse.llm.openai;

import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.completions.CompletionUsage;
import io.carapulse.api.llm.LlmException;
import io.carapulse.api.llm.LlmListener;
import io.carapulse.api.llm.LlmReply;
import io.carapulse.api.llm.LlmToolCall;
import io.carapulse.api.llm.LlmUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rebuilds one reply from {@code chat.completion.chunk}s: text deltas go to the listener as they
 * come; tool calls are gathered by their {@code index}, the id and name from the first fragment,
 * the argument fragments appended verbatim (never parsed: malformed JSON reaches the agent as the
 * model wrote it); usage comes from the last chunk. Only the first choice is read; we never ask
 * for more.
 */
final class ChatStream {

    private final LlmListener listener;
    private final StringBuilder text = new StringBuilder();
    private final Map<Long, PendingCall> calls = new TreeMap<>();
    private String model;
    private LlmUsage usage = LlmUsage.NONE;
    private boolean finished;
    private long lastIndex = -1;

    ChatStream(String requestedModel, LlmListener listener) {
        this.model = requestedModel;
        this.listener = listener;
    }

    void accept(ChatCompletionChunk chunk) {
        chunk._model().asKnown().filter(m -> !m.isBlank()).ifPresent(m -> model = m);
        chunk._usage().asKnown().ifPresent(this::usage);
        for (ChatCompletionChunk.Choice choice : chunk._choices().asKnown().orElse(List.of())) {
            if (choice._index().asKnown().orElse(0L) != 0L) {
                continue;
            }
            choice._delta().asKnown().ifPresent(this::delta);
            if (choice.finishReason().isPresent()) {
                finished = true;
            }
        }
    }

    private void delta(ChatCompletionChunk.Choice.Delta delta) {
        delta.content().filter(c -> !c.isEmpty()).ifPresent(c -> {
            text.append(c);
            listener.onText(c);
        });
        for (ChatCompletionChunk.Choice.Delta.ToolCall fragment : delta.toolCalls().orElse(List.of())) {
            PendingCall call = calls.computeIfAbsent(indexOf(fragment), i -> new PendingCall());
            fragment.id().filter(id -> !id.isEmpty()).ifPresent(id -> call.id = id);
            fragment.function().ifPresent(f -> {
                f.name().filter(n -> !n.isEmpty()).ifPresent(n -> call.name = n);
                f.arguments().ifPresent(call.arguments::append);
            });
        }
    }

    /**
     * The fragment's {@code index}. When a server leaves it out (some send each call whole, in one
     * fragment), a fragment starts a new call if it names a function or carries an id while the
     * last call already has one; otherwise it continues the last call.
     */
    private long indexOf(ChatCompletionChunk.Choice.Delta.ToolCall fragment) {
        long index = fragment._index().asKnown().orElseGet(() -> {
            PendingCall last = calls.get(lastIndex);
            boolean startsNew = last == null
                    || fragment.id().filter(id -> !id.isEmpty() && !id.equals(last.id)).isPresent()
                    || fragment.function().flatMap(f -> f.name()).filter(n -> !n.isEmpty()).isPresent()
                    && last.name != null;
            return startsNew ? lastIndex + 1 : lastIndex;
        });
        lastIndex = Math.max(lastIndex, index);
        return index;
    }

    private void usage(CompletionUsage u) {
        usage = new LlmUsage(u._promptTokens().asKnown().orElse(0L), u._completionTokens().asKnown().orElse(0L));
    }

    /**
     * The reply, once the stream has ended.
     *
     * @throws LlmException.Unavailable when the stream stopped before a {@code finish_reason}
     *                                  (the connection broke, the server died)
     */
    LlmReply reply() {
        if (!finished) {
            throw new LlmException.Unavailable("the model's stream ended before the reply was finished", null);
        }
        List<LlmToolCall> toolCalls = new ArrayList<>();
        calls.forEach((index, call) -> {
            if (call.name == null) {
                throw new LlmException.Unavailable("the model sent a tool call without a function name", null);
            }
            toolCalls.add(new LlmToolCall(call.id != null ? call.id : "call_" + index, call.name,
                    call.arguments.toString()));
        });
        return new LlmReply(text.toString(), toolCalls, usage, model);
    }

    private static final class PendingCall {
        private String id;
        private String name;
        private final StringBuilder arguments = new StringBuilder();
    }
}
