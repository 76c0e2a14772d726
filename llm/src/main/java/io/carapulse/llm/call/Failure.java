package io.carapulse.llm.call;

import io.carapulse.api.error.CarapulseException;
import java.time.Duration;
import java.util.Objects;

/**
 * What one failed attempt means: the error the caller gets, whether trying again can help, and how
 * long the server asked us to wait first.
 *
 * @param error      an {@code LlmException} (or another {@link CarapulseException})
 * @param retry      whether another attempt may succeed; never true for a permanent error
 * @param retryAfter the server's {@code Retry-After}, or {@code null} for the default backoff
 */
public record Failure(CarapulseException error, boolean retry, Duration retryAfter) {

    public Failure {
        Objects.requireNonNull(error, "error");
        retry = retry && error.retriable();
    }

    /** Retried when the error is retriable, after the default backoff. */
    public static Failure of(CarapulseException error) {
        return new Failure(error, true, null);
    }

    /** Retried when the error is retriable, after what the server asked for (or the backoff when {@code null}). */
    public static Failure after(CarapulseException error, Duration retryAfter) {
        return new Failure(error, true, retryAfter);
    }

    /** Not retried, though the error tells the caller to come back later (a usage limit, say). */
    public static Failure noRetry(CarapulseException error) {
        return new Failure(error, false, null);
    }
}
