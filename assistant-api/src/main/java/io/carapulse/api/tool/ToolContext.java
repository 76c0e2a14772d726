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
}
