package io.carapulse.core.execution;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.redact.Redactor;
import io.carapulse.api.tool.ToolCallOrigin;
import io.carapulse.core.events.EventLog;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one run of an execution carries between steps: the event numbering (this runner is the only
 * writer of the execution's events while it holds the task), the redactor for its output, and who the
 * execution is for (its plan's requester and approver), which every tool call is told.
 */
final class RunState {

    final String executionId;
    final String environment;
    final String planId;
    final String requester;
    /** The agent the plan acts as beside its requester ({@code runbook:<name>}); empty for none. */
    final Optional<String> agent;
    final Optional<String> approver;
    final Redactor redactor;
    /** The id of the request that started the execution (null for one older than correlation ids). */
    final String correlationId;
    private final AtomicLong seq;
    private final EventLog events;

    /**
     * @param lastSeq the highest event seq the execution has; an execution never run yet ({@code
     *                QUEUED}) has none, because only its runner writes its events
     */
    RunState(String executionId, String environment, String planId, String requester, Optional<String> approver,
             Redactor redactor, EventLog events, long lastSeq) {
        this(executionId, environment, planId, requester, Optional.empty(), approver, redactor, events, lastSeq, null);
    }

    RunState(String executionId, String environment, String planId, String requester, Optional<String> agent,
             Optional<String> approver, Redactor redactor, EventLog events, long lastSeq, String correlationId) {
        this.agent = agent;
        this.correlationId = correlationId;
        this.executionId = executionId;
        this.environment = environment;
        this.planId = planId;
        this.requester = requester;
        this.approver = approver;
        this.redactor = redactor;
        this.events = events;
        this.seq = new AtomicLong(lastSeq);
    }

    /**
     * The state for a run of {@code e}, numbering its events after those it already has.
     *
     * @param requester who asked for the plan (its {@code requester})
     * @param agent     the agent the plan acts as ({@code runbook:<name>}, see {@code PlanAgents}); empty for none
     * @param approver  who approved it; empty for a plan that needed no approval
     */
    static RunState of(ExecutionEntity e, String requester, Optional<String> agent, Optional<String> approver,
                       Redactor redactor, EventLog events) {
        long last = e.status() == ExecutionStatus.QUEUED ? 0 : events.lastSeq(e.id());
        return new RunState(e.id(), e.environment(), e.planId(), requester, agent, approver, redactor, events, last,
                e.correlationId());
    }

    /** Who and what a call made for {@code run} at {@code stage} is for. */
    /** Whom the run's calls act for: the plan's requester and agent. */
    io.carapulse.api.tool.ActingFor actingFor() {
        return new io.carapulse.api.tool.ActingFor(requester, agent);
    }

    ToolCallOrigin origin(StepRunEntity run, String stage) {
        return new ToolCallOrigin(planId, executionId, run.position(), stage, environment, requester, approver);
    }

    /** Appends an event (inside the caller's transaction when there is one). */
    void event(String type, ObjectNode data) {
        events.append(executionId, seq.incrementAndGet(), type, data);
    }
}
