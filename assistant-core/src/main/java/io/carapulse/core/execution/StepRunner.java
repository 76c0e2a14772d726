package io.carapulse.core.execution;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.dto.Assertion;
import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolCallOrigin;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.CancellationSignal;
import io.carapulse.api.error.ProblemException;
import io.carapulse.core.common.Json;
import io.carapulse.core.common.Times;
import io.carapulse.core.evidence.EvidenceEntity;
import io.carapulse.core.evidence.EvidenceFactory;
import io.carapulse.core.evidence.FollowUps;
import io.carapulse.core.evidence.EvidenceRepository;
import io.carapulse.core.observability.CarapulseMeters;
import io.carapulse.core.tool.ToolRegistry;
import io.carapulse.tools.transport.TransportSelector;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one step run: captures the inverse of a reversible write and stores it with the RUNNING
 * state <em>before</em> acting, calls the tool with its deadline and cancellation, checks a verify
 * step's assertion, and stores the outcome, its evidence (S8), the follow-ups the tool asked for and its
 * events in one transaction. Every call is told its {@link ToolCallOrigin}.
 */
@Singleton
class StepRunner {

    private static final Logger LOG = LoggerFactory.getLogger(StepRunner.class);

    private final ToolRegistry tools;
    private final StepCaller caller;
    private final StepRunRepository stepRuns;
    private final ExecutionRepository executions;
    private final EvidenceRepository evidence;
    private final EvidenceFactory evidenceFactory;
    private final FollowUps followUps;
    private final InFlight inFlight;
    private final ExecutorProperties props;
    private final TransportSelector toolSettings;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final CarapulseMeters meters;
    /** Looks for cancel requests made on other replicas and writes output lines. */
    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "carapulse-step-watch");
        t.setDaemon(true);
        return t;
    });

    StepRunner(ToolRegistry tools, StepCaller caller, StepRunRepository stepRuns, ExecutionRepository executions,
               EvidenceRepository evidence, EvidenceFactory evidenceFactory, FollowUps followUps, InFlight inFlight,
               ExecutorProperties props, TransportSelector toolSettings, TransactionOperations<Connection> tx,
               Clock clock, CarapulseMeters meters) {
        this.meters = meters;
        this.followUps = followUps;
        this.toolSettings = toolSettings;
        this.tools = tools;
        this.caller = caller;
        this.stepRuns = stepRuns;
        this.executions = executions;
        this.evidence = evidence;
        this.evidenceFactory = evidenceFactory;
        this.inFlight = inFlight;
        this.props = props;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Runs {@code run} to an end state and returns the stored step run; {@code preview} is the one stored
     * with an act step when its plan was made (null for every other step), handed to the action.
     */
    StepRunEntity run(RunState state, StepRunEntity run, Assertion assertion, Integer timeoutSeconds,
                      io.carapulse.api.tool.StepPreview preview) {
        long began = System.nanoTime();
        String outcome = "error";
        try {
            StepRunEntity done = runOnce(state, run, assertion, timeoutSeconds, preview);
            outcome = done.status().name().toLowerCase(Locale.ROOT);
            return done;
        } catch (ExecutionRunner.Interrupted stopping) {
            // the replica stopped mid-step; recovery decides what happened (S10)
            outcome = "interrupted";
            throw stopping;
        } finally {
            Duration took = Duration.ofNanos(System.nanoTime() - began);
            meters.stepEnded(run.tool(), run.action(), outcome, took);
            // the runner's MDC (executionId, correlationId) ties this line to the request that started the run
            LOG.info("step {} ({} {}.{}) {} in {} ms", run.position(), run.kind().wire(), run.tool(), run.action(),
                    outcome, took.toMillis());
        }
    }

    private StepRunEntity runOnce(RunState state, StepRunEntity run, Assertion assertion, Integer timeoutSeconds,
                                  io.carapulse.api.tool.StepPreview preview) {
        ToolAction action;
        try {
            action = tools.require(run.tool(), run.action());
        } catch (ProblemException e) {
            return finish(state, run, null, null, StepRunStatus.FAILED, e.code(), e.getMessage(), null);
        }
        ActionDescriptor d = action.descriptor();
        Duration timeout = timeout(run.tool(), d, timeoutSeconds);
        ToolCall call = new ToolCall(run.tool(), run.action(), Json.readObject(run.argsJson()), state.environment);
        Cancellation signal = new Cancellation();
        // deadlines are real elapsed time, not the (replaceable) business clock
        StepOutput output = new StepOutput(state, tx);
        Instant deadline = Instant.now().plus(timeout);
        AtomicInteger lines = new AtomicInteger();
        Context ctx = new Context(state, run, output, deadline, signal, lines, state.origin(run, run.kind().wire()),
                preview);
        inFlight.register(state.executionId, signal);
        ScheduledFuture<?> watch = background.scheduleWithFixedDelay(() -> {
            if (cancelRequested(state.executionId)) {
                signal.cancel();
            }
        }, props.cancelCheckInterval().toMillis(), props.cancelCheckInterval().toMillis(), TimeUnit.MILLISECONDS);
        long flushMillis = Math.max(1, props.outputFlushInterval().toMillis());
        ScheduledFuture<?> flushes = background.scheduleWithFixedDelay(output::flush, flushMillis, flushMillis,
                TimeUnit.MILLISECONDS);
        try {
            String inverse = null;
            if (run.kind() != StepKind.ROLLBACK && d.reversible()) {
                try {
                    Context inverseCtx = new Context(state, run, output, deadline, signal, lines,
                            state.origin(run, ToolCallOrigin.INVERSE), preview);
                    Optional<ToolCall> inv = caller.captureInverse(action, call, inverseCtx, signal, timeout);
                    inverse = inv.map(Json::write).orElse(null);
                } catch (ToolException e) {
                    return finish(state, run, output, null, StepRunStatus.FAILED, "inverse_unavailable",
                            "not run: the state to roll back to could not be read: "
                                    + state.redactor.redact(e.getMessage()), null);
                }
            }
            if (signal.isCancelled()) {
                return finish(state, run, output, null, StepRunStatus.CANCELLED, "cancelled",
                        "cancelled before it started", null);
            }
            Instant started = Times.now(clock);
            StepRunEntity running = markRunning(state, run, started, inverse);
            StepCaller.Outcome outcome = caller.call(action, call, ctx, signal, timeout,
                    d.actionClass() == ActionClass.READ, state.redactor);
            if (outcome.status() == StepRunStatus.SUCCEEDED && run.kind() == StepKind.VERIFY) {
                Optional<String> failed = Assertions.check(assertion, outcome.result().data());
                if (failed.isPresent()) {
                    outcome = new StepCaller.Outcome(StepRunStatus.FAILED, outcome.result(), "assertion_failed",
                            state.redactor.redact(failed.get()));
                }
            }
            return finish(state, running, output, outcome.result(), outcome.status(), outcome.errorCode(),
                    outcome.errorDetail(), started);
        } finally {
            watch.cancel(false);
            flushes.cancel(false);
            inFlight.unregister(state.executionId, signal);
        }
    }

    /** The step's timeout, else the action's default; capped by the tool's setting and the executor's maximum. */
    private Duration timeout(String tool, ActionDescriptor d, Integer timeoutSeconds) {
        Duration t = timeoutSeconds == null ? d.defaultTimeout() : Duration.ofSeconds(timeoutSeconds);
        Duration toolCap = toolSettings.settings(tool).timeoutCap().orElse(props.maxStepTimeout());
        Duration cap = toolCap.compareTo(props.maxStepTimeout()) < 0 ? toolCap : props.maxStepTimeout();
        return t.compareTo(cap) > 0 ? cap : t;
    }

    private StepRunEntity markRunning(RunState state, StepRunEntity run, Instant started, String inverse) {
        return tx.executeWrite(s -> {
            StepRunEntity saved = stepRuns.update(run.running(started, inverse));
            ObjectNode data = base(saved);
            data.put("attempt", saved.attempt());
            state.event("step.started", data);
            return saved;
        });
    }

    /**
     * Stores the end state with its evidence (when the tool was called) and the finished event, after
     * the output lines still queued, in one transaction.
     */
    private StepRunEntity finish(RunState state, StepRunEntity run, StepOutput output, ToolResult result,
                                 StepRunStatus status, String code, String detail, Instant started) {
        if (output == null) {
            return store(state, run, null, result, status, code, detail, started);
        }
        return output.end(() -> store(state, run, output, result, status, code, detail, started));
    }

    private StepRunEntity store(RunState state, StepRunEntity run, StepOutput output, ToolResult result,
                                StepRunStatus status, String code, String detail, Instant started) {
        Instant ended = Times.now(clock);
        String cleanDetail = detail == null ? null : truncate(state.redactor.redact(detail));
        return tx.executeWrite(s -> {
            if (output != null) {
                output.writeRest();
            }
            StepRunEntity saved = stepRuns.update(run.finished(status, ended, code, cleanDetail));
            if (started != null) {
                EvidenceEntity stored = evidence.save(evidenceFactory.build(saved, result, status.name(), started,
                        ended, state.redactor, state.correlationId));
                if (result != null) {
                    followUps.store(stored, result.followUps(), state.environment, state.redactor);
                }
            }
            ObjectNode data = base(saved);
            data.put("status", status.name());
            data.put("errorCode", code);
            data.put("errorDetail", cleanDetail);
            state.event("step.finished", data);
            return saved;
        });
    }

    private boolean cancelRequested(String executionId) {
        return tx.executeRead(s -> executions.findById(executionId).map(ExecutionEntity::cancelRequested).orElse(false));
    }

    private static ObjectNode base(StepRunEntity run) {
        ObjectNode data = Json.object();
        data.put("stepRunId", run.id());
        data.put("position", run.position());
        data.put("kind", run.kind().wire());
        data.put("tool", run.tool());
        data.put("action", run.action());
        data.put("class", run.actionClass().name());
        return data;
    }

    private static String truncate(String s) {
        return s.length() > 2000 ? s.substring(0, 1999) + "…" : s;
    }

    @PreDestroy
    void close() {
        background.shutdownNow();
    }

    /**
     * The ToolContext a call sees; output lines become redacted events, up to the configured cap (shared
     * by the inverse capture and the call of one step run, as is the line count).
     */
    private final class Context implements ToolContext {
        private final RunState state;
        private final StepRunEntity run;
        private final StepOutput output;
        private final Instant deadline;
        private final Cancellation signal;
        private final AtomicInteger lines;
        private final ToolCallOrigin origin;
        private final io.carapulse.api.redact.Redactor.Lines redactLines;
        private final io.carapulse.api.tool.StepPreview preview;

        Context(RunState state, StepRunEntity run, StepOutput output, Instant deadline, Cancellation signal,
                AtomicInteger lines, ToolCallOrigin origin, io.carapulse.api.tool.StepPreview preview) {
            this.preview = preview;
            this.state = state;
            this.run = run;
            this.output = output;
            this.deadline = deadline;
            this.signal = signal;
            this.lines = lines;
            this.origin = origin;
            this.redactLines = state.redactor.lines();
        }

        @Override
        public Optional<ToolCallOrigin> origin() {
            return Optional.of(origin);
        }

        @Override
        public Optional<io.carapulse.api.tool.StepPreview> preview() {
            return Optional.ofNullable(preview);
        }

        @Override
        public Optional<io.carapulse.api.tool.ActingFor> actingFor() {
            return Optional.of(state.actingFor());
        }

        @Override
        public String executionId() {
            return state.executionId;
        }

        @Override
        public Instant deadline() {
            return deadline;
        }

        @Override
        public void emit(String line) {
            int n = lines.incrementAndGet();
            if (n > props.maxOutputEvents() + 1) {
                return;
            }
            ObjectNode data = Json.object();
            data.put("stepRunId", run.id());
            if (n == props.maxOutputEvents() + 1) {
                data.put("line", "[output continues; see the step's evidence]");
            } else {
                String clean = redactLines.redact(line == null ? "" : line);
                data.put("line", clean.length() > 4096 ? clean.substring(0, 4096) + "…" : clean);
            }
            output.add(data);
        }

        @Override
        public CancellationSignal cancellation() {
            return signal;
        }
    }
}
