package io.carapulse.tools.process;

import io.carapulse.api.redact.Redactor;
import io.carapulse.api.tool.CancellationSignal;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way any CLI runs (S5): an argv array, never a shell; a scrubbed environment plus the
 * credential lease; a private working directory; stdout and stderr drained concurrently, redacted
 * line by line before anything sees them, streamed to a {@link LineSink}, capped when stored and
 * hashed in full; the whole process tree killed on timeout or cancellation.
 *
 * <p>The runner reports how the process ended; it does not judge it. A non-zero exit is returned as
 * an {@link ProcessOutcome} and the adapter turns it into a {@link ToolException} (S9).
 */
@Singleton
public final class ProcessRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);
    /** How long to wait for output after the process is gone, for pipes a stray grandchild holds. */
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(2);
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private final Map<String, String> parentEnv;
    private final ExecutorService io;
    private final WorkDirectories workDirs;

    /** A runner that copies its allowlisted variables from this JVM's environment. */
    @Inject
    public ProcessRunner() {
        this(System.getenv());
    }

    /**
     * A runner whose "server environment" is {@code parentEnv}: only its allowlisted variables reach
     * a child. Tests use it to prove the scrubbing.
     */
    public ProcessRunner(Map<String, String> parentEnv) {
        this.parentEnv = Map.copyOf(parentEnv);
        this.io = Executors.newCachedThreadPool(daemonThreads());
        this.workDirs = new WorkDirectories(io, () -> PrivateDirectory.create("carapulse-run-"));
    }

    /**
     * Runs {@code spec} to its end and returns how it ended. Returns without starting anything when
     * {@code cancellation} is already set.
     *
     * @param spec         what to run
     * @param redactor     applied to every line of output and to the argv in the outcome; it should
     *                     already know the lease's secret values ({@link Redactor#with})
     * @param sink         receives each redacted line as it arrives
     * @param cancellation when set, the process tree is killed and the outcome is {@code CANCELLED}
     * @throws ToolException with code {@code cli_unavailable} when the binary cannot be started
     */
    public ProcessOutcome run(ProcessSpec spec, Redactor redactor, LineSink sink, CancellationSignal cancellation) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(redactor, "redactor");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(cancellation, "cancellation");
        List<String> redactedArgv = redactor.redactAll(spec.argv());
        if (cancellation.isCancelled()) {
            Instant now = Instant.now();
            return new ProcessOutcome(null, ProcessOutcome.Status.CANCELLED, "", "", false, false, 0, 0,
                    EMPTY_SHA256, now, now, redactedArgv);
        }
        PrivateDirectory owned = spec.workDir() == null ? workDirs.take() : null;
        try {
            Path workDir = owned != null ? owned.path() : spec.workDir();
            return start(spec, workDir, redactor, sink, cancellation, redactedArgv);
        } finally {
            if (owned != null) {
                owned.close();
            }
        }
    }

    private ProcessOutcome start(ProcessSpec spec, Path workDir, Redactor redactor, LineSink sink,
                                 CancellationSignal cancellation, List<String> redactedArgv) {
        ProcessBuilder pb = new ProcessBuilder(spec.argv()).directory(workDir.toFile());
        ProcessEnvironment.apply(pb.environment(), parentEnv, workDir, spec.env());
        Process process;
        Instant started = Instant.now();
        try {
            process = pb.start();
        } catch (IOException e) {
            throw unavailable(spec.argv().get(0), e);
        }
        ProcessTree tree = new ProcessTree(process);
        cancellation.onCancel(tree::kill);
        StreamCollector out = new StreamCollector(process.getInputStream(), redactor, sink,
                LineSink.Source.STDOUT, spec.maxStoredBytes());
        StreamCollector err = new StreamCollector(process.getErrorStream(), redactor, sink,
                LineSink.Source.STDERR, spec.maxStoredBytes());
        Future<?> outDone = io.submit(out);
        Future<?> errDone = io.submit(err);
        feed(process, spec.stdin());

        boolean timedOut = !exitedInTime(process, spec.timeout(), tree);
        if (timedOut) {
            tree.kill();
        }
        int exit = waitUninterruptibly(process);
        tree.finished();
        drain(outDone, out, process);
        drain(errDone, err, process);
        Instant ended = Instant.now();

        ProcessOutcome.Status status = !tree.killed() ? ProcessOutcome.Status.EXITED
                : timedOut ? ProcessOutcome.Status.TIMED_OUT : ProcessOutcome.Status.CANCELLED;
        Integer exitCode = tree.killed() ? null : exit;
        return new ProcessOutcome(exitCode, status, out.text(), err.text(), out.truncated(), err.truncated(),
                out.totalBytes(), err.totalBytes(), out.sha256Hex(), started, ended, redactedArgv);
    }

    private void feed(Process process, byte[] stdin) {
        if (stdin == null) {
            closeQuietly(process.getOutputStream());
            return;
        }
        io.submit(() -> {
            try (OutputStream os = process.getOutputStream()) {
                os.write(stdin);
            } catch (IOException e) {
                // the process exited or closed its stdin before reading everything; its exit says the rest
                LOG.debug("stdin not fully written: {}", e.toString());
            }
        });
    }

    /** Waits up to {@code timeout}; an interrupted caller counts as a cancellation. */
    private static boolean exitedInTime(Process process, Duration timeout, ProcessTree tree) {
        try {
            return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tree.kill();
            return true;
        }
    }

    private static int waitUninterruptibly(Process process) {
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                try {
                    return process.waitFor();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits for a reader to reach the end of its stream. A grandchild that escaped the tree can hold a
     * pipe open after the process died; after a short grace the reader is abandoned and the output is
     * marked truncated instead of hanging the call.
     */
    private static void drain(Future<?> done, StreamCollector collector, Process process) {
        try {
            done.get(DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("output of pid {} still open after it ended; giving up on the rest", process.pid());
            collector.abandon();
            done.cancel(true);
        } catch (ExecutionException e) {
            LOG.warn("reading output of pid {} failed: {}", process.pid(), e.getCause().toString());
            collector.abandon();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            collector.abandon();
        }
    }

    private static ToolException unavailable(String binary, IOException e) {
        Path path = Path.of(binary);
        String why = !Files.exists(path) ? "it does not exist"
                : Files.isDirectory(path) ? "it is a directory"
                : !Files.isExecutable(path) ? "it is not executable"
                : "the system refused to start it";
        return new ToolException(ToolFailure.CLI_UNAVAILABLE, "cannot run " + binary + ": " + why, null, e);
    }

    private static void closeQuietly(OutputStream os) {
        try {
            os.close();
        } catch (IOException e) {
            LOG.debug("closing stdin failed: {}", e.toString());
        }
    }

    /**
     * Removes the working directory made ahead and stops the reader pool; running calls lose their
     * readers. Called when the context shuts down.
     */
    @PreDestroy
    public void close() {
        workDirs.close();
        io.shutdownNow();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "carapulse-process-io-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
