package io.carapulse.core.execution;

import io.carapulse.api.redact.Redactor;
import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolResult;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls one tool action on a worker thread with a deadline and cancellation, and reports what
 * happened as a {@link Outcome}. It never throws for a tool's failure: every failure becomes an
 * outcome with whatever evidence exists. READ calls that fail retriably are tried again; writes never.
 */
@Singleton
class StepCaller {

    private static final Logger LOG = LoggerFactory.getLogger(StepCaller.class);
    private static final int READ_ATTEMPTS = 3;

    private final ExecutorService workers;
    private final Duration grace;
    /** Set when the context stops: a call that ends after it was stopped by us, not by its tool. */
    private volatile boolean closing;

    StepCaller(@Value("${carapulse.executor.cancel-grace:5s}") Duration grace) {
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "carapulse-tool-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.grace = grace;
    }

    /** What a call came to. */
    record Outcome(StepRunStatus status, ToolResult result, String errorCode, String errorDetail) {

        static Outcome ok(ToolResult result) {
            return new Outcome(StepRunStatus.SUCCEEDED, result, null, null);
        }
    }

    Optional<ToolCall> captureInverse(ToolAction action, ToolCall call, ToolContext ctx, Cancellation signal,
                                      Duration timeout) throws ToolException {
        Future<Optional<ToolCall>> f = workers.submit(() -> action.captureInverse(call, ctx));
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            signal.cancel();
            f.cancel(true);
            throw new ToolException(ToolFailure.INVERSE_TIMEOUT, "reading the state to undo timed out", null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ToolException te) {
                throw te;
            }
            throw new ToolException(ToolFailure.INVERSE_FAILED, "reading the state to undo failed: " + e.getCause(), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            signal.cancel();
            throw new ExecutionRunner.Interrupted();
        }
    }

    Outcome call(ToolAction action, ToolCall call, ToolContext ctx, Cancellation signal, Duration timeout,
                 boolean retriable, Redactor redactor) {
        int attempts = retriable ? READ_ATTEMPTS : 1;
        Outcome last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            last = once(action, call, ctx, signal, timeout, redactor);
            if (last.status() != StepRunStatus.FAILED || !"retriable".equals(last.errorCode()) || signal.isCancelled()) {
                break;
            }
            sleep(250L * attempt);
        }
        if ("retriable".equals(last.errorCode())) {
            return new Outcome(last.status(), last.result(), "tool_unavailable", last.errorDetail());
        }
        return last;
    }

    private Outcome once(ToolAction action, ToolCall call, ToolContext ctx, Cancellation signal, Duration timeout,
                         Redactor redactor) {
        Future<ToolResult> f = workers.submit(() -> action.execute(call, ctx));
        try {
            return Outcome.ok(f.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            signal.cancel();
            ToolResult partial = awaitPartial(f);
            return new Outcome(StepRunStatus.TIMED_OUT, partial, "timed_out",
                    call.qualifiedName() + " did not finish within " + timeout.toSeconds() + "s");
        } catch (ExecutionException e) {
            if (closing) {
                // the replica stopped the call (its grace period ended): what the tool reported then is
                // no outcome; leave the step RUNNING so recovery decides (S10)
                throw new ExecutionRunner.Interrupted();
            }
            Throwable cause = e.getCause();
            if (cause instanceof ToolException te) {
                if (!Instant.now().isBefore(ctx.deadline())) {
                    // the tool gave up at its deadline before our timer fired: still a timeout
                    return new Outcome(StepRunStatus.TIMED_OUT, te.partial().orElse(null), "timed_out",
                            call.qualifiedName() + " did not finish within " + timeout.toSeconds() + "s");
                }
                StepRunStatus status = signal.isCancelled() ? StepRunStatus.CANCELLED : StepRunStatus.FAILED;
                return new Outcome(status, te.partial().orElse(null), signal.isCancelled() ? "cancelled" : te.code(),
                        redactor.redact(te.getMessage()));
            }
            if (cause instanceof RetriableToolException re) {
                return new Outcome(StepRunStatus.FAILED, re.partial().orElse(null), "retriable",
                        redactor.redact(re.getMessage()));
            }
            LOG.error("{} failed unexpectedly", call.qualifiedName(), cause);
            return new Outcome(StepRunStatus.FAILED, null, "tool_error",
                    call.qualifiedName() + " failed unexpectedly: " + redactor.redact(String.valueOf(cause)));
        } catch (InterruptedException e) {
            // the replica is stopping: stop the call and leave the step RUNNING, so recovery decides (S10)
            Thread.currentThread().interrupt();
            signal.cancel();
            throw new ExecutionRunner.Interrupted();
        }
    }

    private ToolResult awaitPartial(Future<ToolResult> f) {
        try {
            return f.get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return e.getCause() instanceof ToolException te ? te.partial().orElse(null) : null;
        } catch (TimeoutException e) {
            f.cancel(true);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutionRunner.Interrupted();
        }
    }

    @PreDestroy
    void close() {
        closing = true;
        workers.shutdownNow();
    }
}
