package io.carapulse.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.dto.TurnView;
import io.carapulse.api.error.CarapulseException;
import io.carapulse.core.common.Json;
import io.carapulse.llm.agent.FunctionResult;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * A chat turn as server-sent events, for the API and the console alike: {@code text} deltas,
 * {@code tool.call} and {@code tool.result} as functions run, then {@code turn.summary} and
 * {@code turn.finished} (a {@link TurnView}), or {@code turn.failed} ({@code code}, {@code detail}).
 * The turn runs on its own thread; a client that disconnects does not stop it.
 */
@Singleton
public class ChatTurnEvents {

    private static final Logger LOG = LoggerFactory.getLogger(ChatTurnEvents.class);

    private final ChatService chat;
    private final ExecutorService turns;

    public ChatTurnEvents(ChatService chat, @Named(TaskExecutors.BLOCKING) ExecutorService turns) {
        this.chat = chat;
        this.turns = turns;
    }

    /** Runs the begun turn and streams what it does. */
    public Publisher<Event<JsonNode>> stream(ChatService.Begun begun) {
        return Flux.create(sink -> turns.submit(() -> run(begun, sink)), FluxSink.OverflowStrategy.BUFFER);
    }

    private void run(ChatService.Begun begun, FluxSink<Event<JsonNode>> sink) {
        AtomicLong seq = new AtomicLong();
        Emitter emit = (type, data) -> sink.next(Event.<JsonNode>of(data).name(type)
                .id(Long.toString(seq.incrementAndGet())));
        try {
            TurnView done = chat.run(begun, new ChatService.TurnObserver() {
                @Override
                public void text(String delta) {
                    ObjectNode n = Json.object();
                    n.put("delta", delta);
                    emit.send("text", n);
                }

                @Override
                public void toolCall(String callId, String function, String arguments) {
                    ObjectNode n = Json.object();
                    n.put("callId", callId);
                    n.put("function", function);
                    n.put("arguments", arguments);
                    emit.send("tool.call", n);
                }

                @Override
                public void toolResult(String callId, String function, FunctionResult result) {
                    ObjectNode n = Json.object();
                    n.put("callId", callId);
                    n.put("function", function);
                    n.put("ok", result.ok());
                    n.put("summary", result.summary());
                    n.set("details", result.details());
                    emit.send("tool.result", n);
                }
            });
            emit.send("turn.summary", Json.toTree(done.summary()));
            emit.send("turn.finished", Json.toTree(done));
        } catch (CarapulseException e) {
            ObjectNode n = Json.object();
            n.put("code", e.code());
            n.put("detail", e.getMessage());
            emit.send("turn.failed", n);
        } catch (RuntimeException e) {
            LOG.error("chat turn in session {} failed", begun.session().id(), e);
            ObjectNode n = Json.object();
            n.put("code", "internal_error");
            n.put("detail", "the turn failed because of an internal error; it was logged");
            emit.send("turn.failed", n);
        } finally {
            sink.complete();
        }
    }

    @FunctionalInterface
    private interface Emitter {
        void send(String type, JsonNode data);
    }
}
