package io.carapulse.cli;

/**
 * A failure the CLI reports as one line on stderr and an exit code. {@code request} (method and URL,
 * never headers or a token) is added to the report with {@code --verbose}.
 */
public final class CliException extends RuntimeException {

    private final ExitCode exitCode;
    private final String request;

    public CliException(ExitCode exitCode, String message) {
        this(exitCode, message, null, null);
    }

    public CliException(ExitCode exitCode, String message, String request, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.request = request;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /** {@code POST http://host/v1/plans → 422}, or {@code null}. */
    public String request() {
        return request;
    }

    public static CliException usage(String message) {
        return new CliException(ExitCode.USAGE, message);
    }
}
