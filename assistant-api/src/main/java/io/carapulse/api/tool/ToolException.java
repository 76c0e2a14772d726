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

    public ToolException(String code, String message, ToolResult partial) {
        this(code, message, partial, null);
    }

    public ToolException(String code, String message, ToolResult partial, Throwable cause) {
        super(code, message, cause);
        this.partial = partial;
    }

    /** Evidence gathered before the failure, if any. */
    public Optional<ToolResult> partial() {
        return Optional.ofNullable(partial);
    }
}
