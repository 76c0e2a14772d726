package io.carapulse.core.evidence;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.carapulse.api.dto.FollowUpView;
import io.carapulse.api.evidence.FollowUpRequest;
import io.carapulse.api.redact.Redactor;
import io.carapulse.core.common.Ids;
import io.carapulse.core.common.Json;
import io.carapulse.core.common.Times;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Stores the follow-ups a tool asked for with a step's evidence (redacted, in the evidence's own
 * transaction) and schedules their first attempt through db-scheduler in that same transaction, so a
 * follow-up exists exactly when its evidence does and survives any restart.
 */
@Singleton
public class FollowUps {

    private final FollowUpRepository repository;
    private final FollowUpTask task;
    private final FollowUpSettings settings;
    private final Clock clock;

    public FollowUps(FollowUpRepository repository, FollowUpTask task, FollowUpSettings settings, Clock clock) {
        this.repository = repository;
        this.task = task;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Stores and schedules {@code requests} for {@code evidence}; must run inside the transaction that
     * stored the evidence.
     *
     * @param environment the plan's environment, handed to the follow-up with the parameters
     */
    public void store(EvidenceEntity evidence, List<FollowUpRequest> requests, String environment, Redactor redactor) {
        Instant now = Times.now(clock);
        int ordinal = 0;
        for (FollowUpRequest r : requests) {
            Instant giveUpAt = now.plus(r.giveUpAfter());
            Instant first = earliest(now.plus(settings.delayAfter(0)), giveUpAt);
            FollowUpEntity saved = repository.save(new FollowUpEntity(Ids.followUp(), evidence.id(),
                    evidence.executionId(), environment, ordinal++, r.kind(), Json.write(redact(r.params(), redactor)),
                    FollowUpStatus.PENDING, 0, now, giveUpAt, first, null, now, "{}", null, null));
            task.schedule(saved.id(), first);
        }
    }

    /** The addendum as the API shows it. */
    public static FollowUpView view(FollowUpEntity f) {
        return new FollowUpView(f.kind(), f.status().wire(), f.attempts(),
                Json.mapper().convertValue(Json.read(f.externalIdsJson()), new TypeReference<Map<String, String>>() { }),
                f.summary(), f.updatedAt());
    }

    static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** A copy of {@code node} whose every text value went through the redactor (S4). */
    static ObjectNode redact(ObjectNode node, Redactor redactor) {
        return (ObjectNode) redactTree(node.deepCopy(), redactor);
    }

    private static JsonNode redactTree(JsonNode node, Redactor redactor) {
        if (node.isTextual()) {
            return TextNode.valueOf(redactor.redact(node.asText()));
        }
        if (node instanceof ObjectNode o) {
            List<String> names = new java.util.ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            names.forEach(name -> o.set(name, redactTree(o.get(name), redactor)));
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, redactTree(a.get(i), redactor));
            }
        }
        return node;
    }
}
