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

    RunState(String executionId, String environment, Redactor redactor, EventLog events) {
        this.executionId = executionId;
        this.environment = environment;
        this.redactor = redactor;
        this.events = events;
        this.seq = new AtomicLong(events.lastSeq(executionId));
    }

    /** Appends an event (inside the caller's transaction when there is one). */
    void event(String type, ObjectNode data) {
        events.append(executionId, seq.incrementAndGet(), type, data);
    }
}
