package io.carapulse.api.tool;

import java.time.Instant;
import java.util.Optional;

/**
 * What the runtime gives an action while it runs.
 */
public interface ToolContext {

    /** The execution this call belongs to, or {@code chat:<session>} for a chat read. */
    String executionId();

    /** When the call must have finished; the runtime cancels it afterwards. */
    Instant deadline();

    /**
     * Receives output lines as they come, so people can follow a run live. The runtime redacts each
     * line before it is stored or streamed.
     */
    void emit(String line);

    /** Set when the call should stop: the execution was cancelled or the deadline passed. */
    CancellationSignal cancellation();

    /**
     * Who and what this call is for: plan, execution, step, stage, environment, requester and approver.
     * The runtime supplies it for every call it makes (act, verify and rollback steps, inverse captures,
     * chat reads); a context built elsewhere (a test calling an action directly, a wrapper that does not
     * pass it on) may have none, and an action must then still work or fail with a clear error, never
     * invent an origin.
     */
    default Optional<ToolCallOrigin> origin() {
        return Optional.empty();
    }

    /**
     * Whom the call acts for ({@link ActingFor}): for a call of an execution, the plan's requester and the agent the
     * plan acts as; for a write's preview, made while its plan is created (there is no {@link #origin()} yet), who is
     * making the plan and the runbook making it. By default the origin's requester alone; empty without an origin.
     * A context that wraps another passes it on.
     */
    default Optional<ActingFor> actingFor() {
        return origin().map(o -> ActingFor.requester(o.requester()));
    }

    /**
     * The preview stored with this step when its plan was made ({@link ToolAction#preview}), for an action
     * that has one: the action checks its basis before it changes anything. Empty for every other call,
     * and for a call built outside the runtime; an action whose write needs its approved preview must then
     * refuse with {@link ToolFailure#PRECONDITION_FAILED}, never compute a new one and act on it.
     */
    default Optional<StepPreview> preview() {
        return Optional.empty();
    }
}
