package io.carapulse.core.support;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system clock plus an offset tests can move forward (approval expiry), or stopped at an instant
 * (the edges of a maintenance window) until {@link #reset}.
 */
@Singleton
@Replaces(Clock.class)
@Requires(env = "test")
public class TestClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<Instant> stopped = new AtomicReference<>();

    public void advance(Duration by) {
        offset.updateAndGet(o -> o.plus(by));
    }

    /** Stops the clock at {@code at}: every reading is {@code at} until {@link #reset}. */
    public void stopAt(Instant at) {
        stopped.set(at);
    }

    public void reset() {
        offset.set(Duration.ZERO);
        stopped.set(null);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        Instant at = stopped.get();
        return at != null ? at : Instant.now().plus(offset.get());
    }
}
