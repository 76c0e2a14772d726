package io.carapulse.llm.call;

import java.time.Duration;
import java.util.Objects;

/** The wall-clock bound of one model call, retries included ({@code LlmRequest.timeout}). */
public final class Deadline {

    private final Duration timeout;
    private final long endNanos;

    private Deadline(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a model call needs a positive timeout: " + timeout);
        }
        this.endNanos = System.nanoTime() + timeout.toNanos();
    }

    /** A deadline {@code timeout} from now. */
    public static Deadline after(Duration timeout) {
        return new Deadline(timeout);
    }

    /** The whole budget this deadline was made with. */
    public Duration timeout() {
        return timeout;
    }

    /** Time left, never negative. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    public boolean passed() {
        return remaining().isZero();
    }
}
