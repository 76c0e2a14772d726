package io.carapulse.core.chat;

import io.carapulse.api.llm.LlmListener;
import io.carapulse.api.llm.LlmProvider;
import io.carapulse.api.llm.LlmReply;
import io.carapulse.api.llm.LlmRequest;
import io.carapulse.api.llm.LlmStatus;
import io.carapulse.api.llm.LlmToolCall;
import io.carapulse.api.llm.LlmUsage;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A model that answers from a script, in process, and keeps every request it was sent. For tests of
 * the chat service's own behaviour; the providers' wire formats are tested against the fake server.
 */
@Singleton
@Replaces(LlmProvider.class)
@Requires(property = "carapulse.test.scripted-llm", value = "true")
public class ScriptedLlm implements LlmProvider {

    private final Deque<Function<LlmRequest, LlmReply>> script = new ArrayDeque<>();
    public final List<LlmRequest> requests = new CopyOnWriteArrayList<>();

    public synchronized void reset() {
        script.clear();
        requests.clear();
    }

    public synchronized ScriptedLlm then(Function<LlmRequest, LlmReply> step) {
        script.add(step);
        return this;
    }

    public ScriptedLlm says(String text) {
        return then(r -> new LlmReply(text, List.of(), new LlmUsage(100, 10), "scripted"));
    }

    public ScriptedLlm calls(String id, String function, String arguments) {
        return then(r -> new LlmReply("", List.of(new LlmToolCall(id, function, arguments)), new LlmUsage(100, 5),
                "scripted"));
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public String model() {
        return "scripted";
    }

    @Override
    public LlmReply complete(LlmRequest request, LlmListener listener) {
        requests.add(request);
        Function<LlmRequest, LlmReply> step;
        synchronized (this) {
            step = script.poll();
        }
        if (step == null) {
            throw new AssertionError("the scripted model was asked more than its script: " + request.messages());
        }
        LlmReply reply = step.apply(request);
        for (String word : reply.text().split("(?<= )")) {
            if (!word.isEmpty()) {
                listener.onText(word);
            }
        }
        return reply;
    }

    @Override
    public LlmStatus status() {
        return new LlmStatus("scripted", true, "scripted", null, "test", null, "scripted test model");
    }
}
