package io.carapulse.testkit.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.evidence.EvidenceFollowUp;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fake tool's evidence follow-up ({@code fake.lookup}), the way a provider that records calls late
 * (CloudTrail) behaves: it finds nothing for the first {@code after} attempts of a request, then an
 * event id derived from the request. For tests and demos of follow-ups; on only with the fake tool.
 */
public final class FakeLookup implements EvidenceFollowUp {

    /** The follow-up kind {@code fake.echo} asks for. */
    public static final String KIND = "fake.lookup";

    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Attempt attempt(ObjectNode params, String environment) {
        String key = params.toString();
        int made = attempts.computeIfAbsent(key, k -> new AtomicInteger()).getAndIncrement();
        if (made < params.path("after").asInt(0)) {
            return Attempt.notYet("no event yet (attempt " + (made + 1) + ")");
        }
        String event = "evt-" + Integer.toHexString(key.hashCode());
        return Attempt.found(Map.of("fake.event", event), "found " + event + " for '" + params.path("text").asText() + "'");
    }
}
