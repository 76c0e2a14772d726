package io.carapulse.tools.family;

import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;

/**
 * How one family reads a failed HTTP answer: its status to a {@link ToolFailure}, and whether a read
 * may be tried again. One per family, proven by a table test, as {@link io.carapulse.tools.cli.ExitMapper}
 * is for exit codes.
 */
public interface HttpStatusMapper {

    /** The failure for {@code status}; {@code 0} or less means no answer at all. */
    ToolFailure failure(int status);

    /** Whether a READ that got {@code status} may pass if tried again (no answer, 429, 502–504 by default). */
    default boolean retriable(int status) {
        return status <= 0 || status == 429 || status == 502 || status == 503 || status == 504;
    }

    /**
     * The exception for a failed call: retriable for a read that may pass later, else final (a write is
     * never retried blindly, S10). {@code message} and {@code partial} must already be redacted.
     */
    default RuntimeException exception(int status, boolean read, String message, ToolResult partial, Throwable cause) {
        ToolFailure failure = failure(status);
        return read && retriable(status)
                ? new RetriableToolException(failure, message, partial, cause)
                : new ToolException(failure, message, partial, cause);
    }

    /** The usual reading of HTTP statuses, for families whose services say nothing more specific. */
    HttpStatusMapper STANDARD = status -> {
        if (status <= 0) {
            return ToolFailure.UNAVAILABLE;
        }
        return switch (status) {
            case 400, 422 -> ToolFailure.INVALID_ARGUMENTS;
            case 401 -> ToolFailure.UNAUTHENTICATED;
            case 403 -> ToolFailure.FORBIDDEN;
            case 404 -> ToolFailure.NOT_FOUND;
            case 409, 412 -> ToolFailure.CONFLICT;
            case 429 -> ToolFailure.RATE_LIMITED;
            default -> status >= 500 ? ToolFailure.UNAVAILABLE : ToolFailure.TOOL_FAILED;
        };
    };
}
