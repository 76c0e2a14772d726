package io.carapulse.tools.process;

/**
 * Receives a running process's output one line at a time, as it arrives and already redacted. Called
 * from the runner's reader threads (stdout and stderr concurrently), so implementations must be
 * thread-safe and quick; an exception thrown here is logged and the line is dropped from the sink
 * only (it is still stored and hashed).
 */
@FunctionalInterface
public interface LineSink {

    /** Which stream a line came from. */
    enum Source {
        STDOUT,
        STDERR
    }

    /**
     * One line without its line terminator, already redacted.
     *
     * @param source the stream it came from
     * @param line   the redacted line
     */
    void accept(Source source, String line);

    /** A sink that ignores every line. */
    static LineSink discard() {
        return (source, line) -> { };
    }
}
