package io.carapulse.api.tool;

import io.carapulse.api.error.RetriableException;
import java.util.Optional;

/**
 * A tool failure that may pass if tried again (connection reset, 429, 503). Only READ actions are
 * ever retried by the runtime; a write is never retried blindly (S10).
 */
public class RetriableToolException extends RetriableException {

    private final transient ToolResult partial;

    public RetriableToolException(String code, String message, ToolResult partial, Throwable cause) {
        super(code, message, cause);
        this.partial = partial;
    }

    public Optional<ToolResult> partial() {
        return Optional.ofNullable(partial);
    }
}
