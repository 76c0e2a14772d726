package io.carapulse.approvals.linear;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.approval.ChannelDecision;
import io.carapulse.api.approval.ChannelReading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads an approval issue: the decision its labels show now, attributed to whoever applied the label
 * (from the issue's history, never from a webhook body), and the label history kept as evidence.
 * Label changes made by our own API user (label sync) are never taken for a decision.
 */
final class LinearHistory {

    private LinearHistory() {
    }

    /**
     * @param issue      the issue as {@link LinearClient#issueState} returns it
     * @param history    every history entry of the issue
     * @param labelNames label id to name, for the approval labels
     * @param viewerId   the Linear user our API key acts as
     */
    static ChannelReading read(JsonNode issue, List<JsonNode> history, Map<String, String> labelNames,
                               String viewerId) {
        List<JsonNode> entries = new ArrayList<>(history);
        entries.sort(Comparator.comparing(e -> Instant.parse(e.path("createdAt").asText())));
        Set<String> current = new TreeSet<>();
        issue.path("labels").path("nodes").forEach(l -> {
            if (labelNames.containsValue(l.path("name").asText())) {
                current.add(l.path("name").asText());
            }
        });
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("issueId", issue.path("id").asText());
        evidence.put("identifier", issue.path("identifier").asText());
        evidence.put("url", issue.path("url").asText());
        evidence.put("labels", List.copyOf(current));
        evidence.put("labelHistory", labelHistory(entries, labelNames));
        return new ChannelReading(decision(issue, entries, current, labelNames, viewerId), evidence);
    }

    private static Optional<ChannelDecision> decision(JsonNode issue, List<JsonNode> entries, Set<String> current,
                                                      Map<String, String> labelNames, String viewerId) {
        boolean approved = current.contains(LinearLabels.APPROVED);
        boolean rejected = current.contains(LinearLabels.REJECTED);
        if (!approved && !rejected) {
            return Optional.empty();
        }
        Set<String> wanted = new TreeSet<>();
        labelNames.forEach((id, name) -> {
            if ((approved && name.equals(LinearLabels.APPROVED)) || (rejected && name.equals(LinearLabels.REJECTED))) {
                wanted.add(id);
            }
        });
        ChannelDecision.Outcome outcome = approved && rejected ? ChannelDecision.Outcome.AMBIGUOUS
                : approved ? ChannelDecision.Outcome.APPROVE : ChannelDecision.Outcome.REJECT;
        JsonNode entry = null;
        for (JsonNode e : entries) {
            for (JsonNode added : e.path("addedLabelIds")) {
                if (wanted.contains(added.asText())) {
                    entry = e;
                }
            }
        }
        if (entry == null) {
            // the label is there but the history does not say who put it: nobody to attribute it to
            return Optional.of(new ChannelDecision("issue:" + issue.path("id").asText() + ":unattributed:"
                    + String.join(",", wanted), outcome, null, null, null, null, null));
        }
        JsonNode actor = entry.path("actor");
        String actorId = actor.path("id").asText(null);
        if (actorId != null && actorId.equals(viewerId)) {
            return Optional.empty(); // our own label sync
        }
        Instant at = Instant.parse(entry.path("createdAt").asText());
        return Optional.of(new ChannelDecision(entry.path("id").asText(), outcome, actor.path("email").asText(null),
                actor.path("name").asText(null), actorId, at, reason(issue, actorId, at)));
    }

    /** The person's latest comment written no later than the label: their reason. */
    private static String reason(JsonNode issue, String actorId, Instant at) {
        if (actorId == null) {
            return null;
        }
        JsonNode latest = null;
        Instant latestAt = null;
        for (JsonNode c : issue.path("comments").path("nodes")) {
            Instant created = Instant.parse(c.path("createdAt").asText());
            if (actorId.equals(c.path("user").path("id").asText()) && !created.isAfter(at)
                    && (latestAt == null || created.isAfter(latestAt))) {
                latest = c;
                latestAt = created;
            }
        }
        if (latest == null) {
            return null;
        }
        String body = latest.path("body").asText().strip();
        return body.length() > 2000 ? body.substring(0, 2000) : body;
    }

    private static List<Map<String, Object>> labelHistory(List<JsonNode> entries, Map<String, String> labelNames) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode e : entries) {
            List<String> added = names(e.path("addedLabelIds"), labelNames);
            List<String> removed = names(e.path("removedLabelIds"), labelNames);
            if (added.isEmpty() && removed.isEmpty()) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("at", e.path("createdAt").asText());
            JsonNode actor = e.path("actor");
            row.put("by", actor.isMissingNode() || actor.isNull() ? "Linear"
                    : actor.path("email").asText(actor.path("name").asText("?")));
            row.put("added", added);
            row.put("removed", removed);
            out.add(row);
        }
        return out;
    }

    private static List<String> names(JsonNode ids, Map<String, String> labelNames) {
        List<String> out = new ArrayList<>();
        ids.forEach(id -> {
            String name = labelNames.get(id.asText());
            if (name != null) {
                out.add(name);
            }
        });
        return out;
    }
}
