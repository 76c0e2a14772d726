package io.carapulse.llm.call;

import io.carapulse.api.error.CarapulseException;
import io.carapulse.api.llm.LlmException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a model call runs: bounded by a {@link Deadline} (the request's timeout, cut to the configured
 * maximum), retrying only failures a {@link Classifier} calls
 * retriable (timeouts, connection failures, 408/409/429/5xx), waiting what the server's
 * {@code Retry-After} says or else an exponential backoff (0.5 s, 1 s, 2 s … at most 8 s, with
 * jitter).
 *
 * <p>This loop, not the SDK's, does the retrying (the SDK client is built with
 * {@code maxRetries(0)}): the SDK bounds each attempt with the same timeout, so three attempts could
 * take three timeouts, and it caps {@code Retry-After} at 8 s and tries again anyway. Here each
 * attempt gets only the time left, and a wait that would outlast the deadline ends the call at once
 * with the error. A stream that already showed text to the listener is never retried: the person
 * would see the beginning twice.
 */
public final class CallPolicy {

    /** Retries after the first attempt unless configured otherwise. */
    public static final int DEFAULT_MAX_RETRIES = 2;

    private static final Logger LOG = LoggerFactory.getLogger(CallPolicy.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(8);

    private final int maxRetries;
    private final Duration maxTimeout;
    private final Sleeper sleeper;

    /**
     * @param maxRetries attempts after the first one for a retriable failure
     * @param maxTimeout no call runs longer, whatever its request asks for
     * @param sleeper    waits between attempts
     */
    public CallPolicy(int maxRetries, Duration maxTimeout, Sleeper sleeper) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("max retries cannot be negative: " + maxRetries);
        }
        if (maxTimeout.isNegative() || maxTimeout.isZero()) {
            throw new IllegalArgumentException("the maximum timeout must be positive: " + maxTimeout);
        }
        this.maxRetries = maxRetries;
        this.maxTimeout = maxTimeout;
        this.sleeper = sleeper;
    }

    public int maxRetries() {
        return maxRetries;
    }

    public Duration maxTimeout() {
        return maxTimeout;
    }

    /** The deadline of a call whose request asks for {@code requested}: never beyond the maximum. */
    public Deadline deadline(Duration requested) {
        return Deadline.after(requested.compareTo(maxTimeout) > 0 ? maxTimeout : requested);
    }

    /** One try at the call, bounded by the time left. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run(Duration timeLeft) throws Exception;
    }

    /** Maps what an attempt threw to a {@link Failure}; may rethrow what it does not know (a bug). */
    @FunctionalInterface
    public interface Classifier {
        Failure classify(Exception failure);
    }

    /**
     * Runs {@code attempt} until it succeeds, fails permanently, runs out of retries or of time.
     *
     * @param outputStarted whether the current attempt already passed text on; then nothing is retried
     * @throws CarapulseException the classified error of the last attempt
     */
    public <T> T run(Deadline deadline, Attempt<T> attempt, Classifier classifier, BooleanSupplier outputStarted) {
        for (int attempts = 1; ; attempts++) {
            Failure failure;
            try {
                return attempt.run(deadline.remaining());
            } catch (Exception e) {
                failure = classifier.classify(e);
            }
            CarapulseException error = failure.error();
            if (!failure.retry() || outputStarted.getAsBoolean()) {
                throw error;
            }
            if (attempts > maxRetries) {
                throw gaveUp(error, attempts);
            }
            Duration wait = failure.retryAfter() != null ? failure.retryAfter() : backoff(attempts);
            if (wait.compareTo(deadline.remaining()) >= 0) {
                throw gaveUp(error, attempts);
            }
            LOG.warn("{}; trying again in {} ms (attempt {} of {})", error.getMessage(), wait.toMillis(),
                    attempts + 1, maxRetries + 1);
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LlmException.Unavailable("the model call was interrupted", e);
            }
        }
    }

    private static CarapulseException gaveUp(CarapulseException error, int attempts) {
        if (attempts == 1 || !(error instanceof LlmException.Unavailable)) {
            return error;
        }
        return new LlmException.Unavailable(error.getMessage() + " (gave up after " + attempts + " attempts)",
                error.getCause());
    }

    /** 0.5 s, 1 s, 2 s, … capped at 8 s, each shortened by up to a quarter at random. */
    static Duration backoff(int attempts) {
        long base = Math.min(FIRST_BACKOFF.toMillis() << Math.min(attempts - 1, 10), MAX_BACKOFF.toMillis());
        double jitter = 1.0 - 0.25 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis((long) (base * jitter));
    }
}
