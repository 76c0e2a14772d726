package io.carapulse.tools.process;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How a process ended, with its output already redacted: the raw material of evidence (S8).
 *
 * @param exitCode        the exit code, or {@code null} when the runner killed the process
 * @param status          whether it exited by itself, timed out or was cancelled
 * @param stdout          the beginning of the redacted standard output, at most the spec's cap
 * @param stderr          the beginning of the redacted standard error, at most the spec's cap
 * @param stdoutTruncated whether {@code stdout} holds less than the process wrote
 * @param stderrTruncated whether {@code stderr} holds less than the process wrote
 * @param stdoutBytes     total bytes of redacted standard output (lines joined with {@code \n})
 * @param stderrBytes     total bytes of redacted standard error
 * @param stdoutSha256    hex sha256 of all of the redacted standard output, truncated or not
 * @param started         when the process started
 * @param ended           when its output was fully read
 * @param argv            the command as run, redacted (fit for evidence)
 */
public record ProcessOutcome(
        Integer exitCode,
        Status status,
        String stdout,
        String stderr,
        boolean stdoutTruncated,
        boolean stderrTruncated,
        long stdoutBytes,
        long stderrBytes,
        String stdoutSha256,
        Instant started,
        Instant ended,
        List<String> argv) {

    /** How the process came to an end. */
    public enum Status {
        /** It exited by itself; {@code exitCode} says how. */
        EXITED,
        /** Its timeout passed and the runner killed its tree. */
        TIMED_OUT,
        /** The call was cancelled and the runner killed its tree. */
        CANCELLED
    }

    public ProcessOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(stdoutSha256, "stdoutSha256");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(ended, "ended");
        argv = List.copyOf(argv);
    }

    /** Wall-clock time from start to the end of output. */
    public Duration duration() {
        return Duration.between(started, ended);
    }

    /** Whether the process exited by itself with code 0; anything else is a failure (S9). */
    public boolean succeeded() {
        return status == Status.EXITED && exitCode != null && exitCode == 0;
    }
}
