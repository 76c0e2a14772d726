package io.carapulse.llm.call;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits between attempts; tests pass one that records the wait instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps on the calling thread. */
    Sleeper REAL = duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());

    void sleep(Duration duration) throws InterruptedException;
}
