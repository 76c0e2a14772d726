package io.carapulse.cli;

import java.util.List;

/**
 * A failure the CLI reports as one line on stderr and an exit code. {@code request} (method and URL,
 * never headers or a token) is added to the report with {@code --verbose}.
 */
public final class CliException extends RuntimeException {

    private final ExitCode exitCode;
    private final String request;
    private final List<String> errors;

    public CliException(ExitCode exitCode, String message) {
        this(exitCode, message, null, null);
    }

    public CliException(ExitCode exitCode, String message, String request, Throwable cause) {
        this(exitCode, message, request, cause, List.of());
    }

    public CliException(ExitCode exitCode, String message, String request, Throwable cause, List<String> errors) {
        super(message, cause);
        this.exitCode = exitCode;
        this.request = request;
        this.errors = List.copyOf(errors);
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /** {@code POST http://host/v1/plans → 422}, or {@code null}. */
    public String request() {
        return request;
    }

    /**
     * A refused request's itemised problems, one line each ({@code params.replicas: must be at most 6},
     * {@code step 0: …}), for a command that shows them one per line; empty when the answer had none.
     */
    public List<String> errors() {
        return errors;
    }

    public static CliException usage(String message) {
        return new CliException(ExitCode.USAGE, message);
    }
}
