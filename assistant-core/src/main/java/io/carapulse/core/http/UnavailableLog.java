package io.carapulse.core.http;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs why requests are answered {@code 503 unavailable}: one line per cause at most every
 * {@link #INTERVAL}, naming the cause and what the database or pool said, with how many more
 * requests it refused since the last line. Under load a lock or pool timeout refuses many requests
 * at once; one line says it, a line (or a stack trace) per request would bury it.
 */
final class UnavailableLog {

    static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionHandler.class);

    private final LongSupplier nanoTime;
    private final Map<Unavailable, long[]> state = new EnumMap<>(Unavailable.class); // {last logged at, refused since}

    UnavailableLog(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    void refused(String method, String path, Unavailable cause, Throwable failure) {
        long now = nanoTime.getAsLong();
        long suppressed;
        synchronized (state) {
            long[] s = state.get(cause);
            if (s != null && now - s[0] < INTERVAL.toNanos()) {
                s[1]++;
                return;
            }
            suppressed = s == null ? 0 : s[1];
            state.put(cause, new long[] {now, 0});
        }
        LOG.warn("503 unavailable for {} {}: {}: {} ({} more requests refused for this cause since its last line)",
                method, path, cause.cause(), Unavailable.rootMessage(failure), suppressed);
    }
}
