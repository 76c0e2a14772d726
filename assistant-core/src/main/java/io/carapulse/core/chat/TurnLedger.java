package io.carapulse.core.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.dto.TurnSummaryView;
import io.carapulse.core.plan.PlanStatus;
import io.carapulse.llm.agent.FunctionResult;
import java.util.ArrayList;
import java.util.List;

/**
 * What a turn's function calls came to, kept as they return, for the footer the runtime adds to
 * every turn: the model's text may claim anything, this says what ran, what was refused, which
 * plans wait and whether anything changed.
 */
final class TurnLedger {

    private final List<TurnSummaryView.CallView> ran = new ArrayList<>();
    private final List<String> ranLabels = new ArrayList<>();
    private final List<TurnSummaryView.CallView> refused = new ArrayList<>();
    private final List<String> awaitingApproval = new ArrayList<>();
    private final List<String> awaitingExecution = new ArrayList<>();
    private boolean changed;

    /** Records one call's result; {@code function} is the name the model called. */
    void record(String function, FunctionResult result) {
        ObjectNode d = result.details();
        if (d != null && d.hasNonNull("executionId")) {
            String status = d.path("status").asText();
            ran.add(new TurnSummaryView.CallView(function, status, d.get("executionId").asText()));
            ranLabels.add(d.path("action").asText(function) + " (" + status + ")");
            changed |= d.path("writes").asBoolean(false);
        } else if (result.ok() && d != null && d.hasNonNull("planId")) {
            String planId = d.get("planId").asText();
            if (PlanStatus.AWAITING_APPROVAL.name().equals(d.path("status").asText())) {
                awaitingApproval.add(planId);
            } else {
                awaitingExecution.add(planId);
            }
        } else {
            refused.add(new TurnSummaryView.CallView(function, result.summary(), null));
        }
    }

    TurnSummaryView summary() {
        List<String> parts = new ArrayList<>();
        parts.add(changed ? "something that writes ran" : "no change was made");
        if (ran.isEmpty()) {
            parts.add("nothing ran");
        } else {
            parts.add("ran " + String.join(", ", ranLabels));
        }
        if (!refused.isEmpty()) {
            parts.add("refused " + String.join(", ", refused.stream()
                    .map(c -> c.function() + " (" + c.outcome() + ")").toList()));
        }
        awaitingApproval.forEach(id -> parts.add("plan " + id + " awaits approval"));
        awaitingExecution.forEach(id -> parts.add("plan " + id + " awaits execution"));
        return new TurnSummaryView(List.copyOf(ran), List.copyOf(refused), List.copyOf(awaitingApproval),
                List.copyOf(awaitingExecution), changed, String.join("; ", parts));
    }
}
