package io.carapulse.api.tool;

import io.carapulse.api.error.PermanentException;
import java.util.Optional;

/**
 * A tool call that did not succeed: a non-zero exit, a non-2xx response, a refused request. It
 * carries whatever evidence exists (the command, exit code, output) so the failed step still
 * leaves evidence (S8). Integrations map their statuses/exit codes to these in one place.
 */
public class ToolException extends PermanentException {

    private final transient ToolResult partial;
    private final ToolFailure failure;

    public ToolException(ToolFailure failure, String message, ToolResult partial) {
        this(failure, message, partial, null);
    }

    public ToolException(ToolFailure failure, String message, ToolResult partial, Throwable cause) {
        super(failure.code(), message, cause);
        this.failure = failure;
        this.partial = partial;
    }

    /** Why the call failed; {@link #code()} is its wire form. */
    public ToolFailure failure() {
        return failure;
    }

    /** Evidence gathered before the failure, if any. */
    public Optional<ToolResult> partial() {
        return Optional.ofNullable(partial);
    }
}
