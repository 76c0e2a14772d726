package io.carapulse.core.execution;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.redact.Redactor;
import io.carapulse.core.events.EventLog;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one run of an execution carries between steps: the event numbering (this runner is the only
 * writer of the execution's events while it holds the task) and the redactor for its output.
 */
final class RunState {

    final String executionId;
    final String environment;
    final Redactor redactor;
    private final AtomicLong seq;
    private final EventLog events;

    /**
     * @param lastSeq the highest event seq the execution has; an execution never run yet ({@code
     *                QUEUED}) has none, because only its runner writes its events
     */
    RunState(String executionId, String environment, Redactor redactor, EventLog events, long lastSeq) {
        this.executionId = executionId;
        this.environment = environment;
        this.redactor = redactor;
        this.events = events;
        this.seq = new AtomicLong(lastSeq);
    }

    /** The state for a run of {@code e}, numbering its events after those it already has. */
    static RunState of(ExecutionEntity e, Redactor redactor, EventLog events) {
        long last = e.status() == ExecutionStatus.QUEUED ? 0 : events.lastSeq(e.id());
        return new RunState(e.id(), e.environment(), redactor, events, last);
    }

    /** Appends an event (inside the caller's transaction when there is one). */
    void event(String type, ObjectNode data) {
        events.append(executionId, seq.incrementAndGet(), type, data);
    }
}
