package io.carapulse.core.observability;

import io.micronaut.core.propagation.PropagatedContext;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Correlation ids: the id that ties a request's log lines to the execution it started and to that
 * execution's evidence. A request's id is the W3C {@code traceparent}'s trace id, else a well-formed
 * {@code X-Request-Id}, else a new one; whatever the caller sent that is not well-formed is dropped,
 * never echoed or stored.
 */
public final class Correlation {

    /** MDC keys. */
    public static final String MDC_CORRELATION_ID = "correlationId";
    public static final String MDC_EXECUTION_ID = "executionId";

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    public static final String TRACEPARENT_HEADER = "traceparent";

    /** At most 64 characters a log line, a header and a column can carry as they are. */
    public static final int MAX_LENGTH = 64;

    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    /** version-traceid-parentid-flags; version ff is invalid, as are all-zero ids. */
    private static final Pattern TRACEPARENT = Pattern.compile(
            "([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Correlation() {
    }

    /** The id of a request with these headers (either may be null). */
    public static String forRequest(String traceparent, String requestId) {
        return traceId(traceparent).or(() -> requestId(requestId)).orElseGet(Correlation::generate);
    }

    /** The trace id of a valid {@code traceparent}. */
    static Optional<String> traceId(String traceparent) {
        if (traceparent == null) {
            return Optional.empty();
        }
        Matcher m = TRACEPARENT.matcher(traceparent.trim());
        if (!m.matches() || m.group(1).equals("ff") || (m.group(1).equals("00") && m.group(5) != null)
                || m.group(2).chars().allMatch(c -> c == '0') || m.group(3).chars().allMatch(c -> c == '0')) {
            return Optional.empty();
        }
        return Optional.of(m.group(2));
    }

    /** A request id the caller sent, when it is short and made of safe characters. */
    static Optional<String> requestId(String requestId) {
        return requestId != null && REQUEST_ID.matcher(requestId).matches() ? Optional.of(requestId) : Optional.empty();
    }

    /** A new id, shaped like a W3C trace id (32 lower-case hex digits). */
    public static String generate() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The id of the request this thread works for, if it works for one. */
    public static Optional<String> current() {
        return PropagatedContext.find().flatMap(c -> c.find(CorrelationContext.class)).map(CorrelationContext::id);
    }

    /** The request's id, or a new one for work no request started (schedules, reverts). */
    public static String currentOrNew() {
        return current().orElseGet(Correlation::generate);
    }
}
