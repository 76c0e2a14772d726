package io.carapulse.api.tool;

import java.time.Instant;

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
}
