package io.carapulse.api.tool;

import io.carapulse.api.error.RetriableException;
import java.util.Optional;

/**
 * A tool failure that may pass if tried again (connection reset, 429, 503). Only READ actions are
 * ever retried by the runtime; a write is never retried blindly (S10).
 */
public class RetriableToolException extends RetriableException {

    private final transient ToolResult partial;
    private final ToolFailure failure;

    public RetriableToolException(ToolFailure failure, String message, ToolResult partial, Throwable cause) {
        super(failure.code(), message, cause);
        this.failure = failure;
        this.partial = partial;
    }

    /** Why the call failed; {@link #code()} is its wire form. */
    public ToolFailure failure() {
        return failure;
    }

    public Optional<ToolResult> partial() {
        return Optional.ofNullable(partial);
    }
}
