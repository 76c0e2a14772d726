package io.carapulse.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.api.tool.CancellationSignal;
import io.carapulse.api.tool.StepPreview;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ActingFor;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.core.common.Json;
import io.carapulse.core.tool.ToolRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The previews of a plan's write steps ({@link ToolAction#preview}): read from the provider after the
 * steps passed validation and policy, before anything is stored, so what the approver sees (a proposed
 * change's diff) is what the fingerprint covers and what the step will make. A step whose preview cannot
 * be made refuses the whole plan: with the action's words when the step itself cannot work
 * ({@code validation_failed}, {@code target_not_allowed}), with {@code preview_failed} when the provider
 * could not be read.
 */
@Singleton
public class StepPreviews {

    /** The longest a preview may take, whatever the action's own timeout. */
    static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private final ToolRegistry tools;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "carapulse-step-preview");
        t.setDaemon(true);
        return t;
    });

    public StepPreviews(ToolRegistry tools) {
        this.tools = tools;
    }

    /**
     * {@code steps} with the previews of the writes whose actions have one, read for {@code actingFor} (who is making
     * the plan, and the runbook making it), so a provider credential that depends on them is the one the step will use.
     */
    public List<ValidatedStep> previewed(String environment, List<ValidatedStep> steps, ActingFor actingFor) {
        List<ValidatedStep> out = new ArrayList<>(steps.size());
        for (ValidatedStep s : steps) {
            out.add(s.actionClass().writes() ? preview(environment, s, actingFor) : s);
        }
        return out;
    }

    private ValidatedStep preview(String environment, ValidatedStep s, ActingFor actingFor) {
        ToolAction action = tools.require(s.tool(), s.action());
        ToolCall call = new ToolCall(s.tool(), s.action(), s.args(), environment);
        Duration wait = action.descriptor().defaultTimeout().compareTo(MAX_WAIT) < 0
                ? action.descriptor().defaultTimeout() : MAX_WAIT;
        PreviewContext context = new PreviewContext(Instant.now().plus(wait), actingFor);
        String where = "steps[" + s.position() + "] (" + s.tool() + "." + s.action() + ")";
        Future<Optional<StepPreview>> future = pool.submit(() -> action.preview(call, context));
        try {
            return future.get(wait.toMillis(), TimeUnit.MILLISECONDS).map(s::withPreview).orElse(s);
        } catch (TimeoutException e) {
            context.cancel();
            future.cancel(true);
            throw new ProblemException(ProblemCode.PREVIEW_FAILED, where + ": the change could not be previewed: the"
                    + " provider did not answer within " + wait.toSeconds() + " s; nothing was stored");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            context.cancel();
            throw new ProblemException(ProblemCode.UNAVAILABLE, where + ": interrupted while previewing the change");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ToolException t) {
                throw refusal(where, s.position(), t);
            }
            if (e.getCause() instanceof ProblemException p) {
                throw p;
            }
            throw new IllegalStateException(where + ": preview failed", e.getCause());
        }
    }

    private static ProblemException refusal(String where, int position, ToolException t) {
        String message = t.getMessage();
        Map<String, Object> errors = Map.of("errors", List.of(Map.of("step", position, "message", message)));
        return switch (t.failure()) {
            case TARGET_NOT_ALLOWED -> new ProblemException(ProblemCode.TARGET_NOT_ALLOWED, where + ": " + message, errors);
            case INVALID_ARGUMENTS, NOT_FOUND, CONFLICT, PRECONDITION_FAILED ->
                    new ProblemException(ProblemCode.VALIDATION_FAILED, where + ": " + message, errors);
            default -> new ProblemException(ProblemCode.PREVIEW_FAILED, where + ": the change could not be previewed ("
                    + t.failure().code() + "): " + message + "; nothing was stored", errors);
        };
    }

    /** The preview as stored in {@code plan_step.preview_json} and fingerprinted. */
    static ObjectNode tree(StepPreview p) {
        ObjectNode n = Json.object();
        n.put("summary", p.summary());
        n.put("diff", p.diff());
        n.set("basis", p.basis());
        return n;
    }

    static String write(StepPreview p) {
        return p == null ? null : Json.canonical(tree(p));
    }

    static StepPreview read(String json) {
        JsonNode n = Json.readObject(json);
        return new StepPreview(n.path("summary").asText(), n.path("diff").asText(), (ObjectNode) n.path("basis"));
    }

    @PreDestroy
    void close() {
        pool.shutdownNow();
    }

    /**
     * What a preview sees: no execution, no output, a deadline, cancelled when the wait is over, and whom the plan
     * being made acts for.
     */
    private static final class PreviewContext implements ToolContext, CancellationSignal {
        private final Instant deadline;
        private final ActingFor actingFor;
        private final List<Runnable> onCancel = new CopyOnWriteArrayList<>();
        private volatile boolean cancelled;

        PreviewContext(Instant deadline, ActingFor actingFor) {
            this.deadline = deadline;
            this.actingFor = actingFor;
        }

        @Override
        public Optional<ActingFor> actingFor() {
            return Optional.of(actingFor);
        }

        @Override
        public String executionId() {
            return "preview";
        }

        @Override
        public Instant deadline() {
            return deadline;
        }

        @Override
        public void emit(String line) {
            // a preview's output is its result, not a live stream
        }

        @Override
        public CancellationSignal cancellation() {
            return this;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public void onCancel(Runnable action) {
            if (cancelled) {
                action.run();
            } else {
                onCancel.add(action);
            }
        }

        void cancel() {
            cancelled = true;
            onCancel.forEach(Runnable::run);
        }
    }
}
