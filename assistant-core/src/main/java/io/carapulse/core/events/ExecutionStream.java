package io.carapulse.core.events;

import io.carapulse.api.dto.ExecutionEventView;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.micronaut.http.sse.Event;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * An execution's events as server-sent events, for the API and the console alike: each event's
 * {@code id} is its sequence number (resume with {@code Last-Event-ID} without losing or repeating
 * one), a keepalive every 15 s keeps proxies from closing a quiet stream, and the stream completes
 * after the terminal {@code execution.finished}.
 */
@Singleton
public class ExecutionStream {

    private static final Duration KEEPALIVE = Duration.ofSeconds(15);

    private final EventFeed feed;

    public ExecutionStream(EventFeed feed) {
        this.feed = feed;
    }

    /** The events after {@code lastEventId} (or {@code after}; both absent: from the start). */
    public Flux<Event<ExecutionEventView>> follow(String executionId, String lastEventId, Long after) {
        AtomicLong cursor = new AtomicLong(start(lastEventId, after));
        Flux<Event<ExecutionEventView>> live = feed.follow(executionId, cursor.get())
                .map(e -> {
                    cursor.set(e.seq());
                    return Event.of(e).id(Long.toString(e.seq())).name(e.type());
                });
        Flux<Event<ExecutionEventView>> keepalive = Flux.interval(KEEPALIVE, KEEPALIVE, Schedulers.parallel())
                .onBackpressureDrop()
                .map(t -> Event.of(new ExecutionEventView(cursor.get(), "keepalive", Instant.now(), null))
                        .name("keepalive"));
        return Flux.merge(live.materialize(), keepalive.materialize())
                .takeUntil(signal -> !signal.isOnNext())
                .dematerialize();
    }

    /** The sequence number to follow from: {@code Last-Event-ID}, else {@code after}, else 0; refused when not one. */
    public static long start(String lastEventId, Long after) {
        String value = lastEventId != null ? lastEventId : after == null ? "0" : after.toString();
        try {
            long v = Long.parseLong(value.trim());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "Last-Event-ID / after must be a sequence number");
        }
    }
}
