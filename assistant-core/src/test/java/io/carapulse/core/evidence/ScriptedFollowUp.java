package io.carapulse.core.evidence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.evidence.EvidenceFollowUp;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code test.trail} follow-up: answers each attempt from the script its parameters carry
 * ({@code answers}: {@code not_yet,not_yet,found}; the last answer repeats), counted per {@code key}.
 * A test may {@link #hold} a key: the attempt that would answer found then waits until it is
 * {@link #release}d, so the test can look at the pending addendum without racing it. With
 * {@code carapulse.test.follow-up.stall=true} it never finds anything (a replica about to stop).
 */
@Singleton
@Requires(property = "carapulse.test.trail-tool", value = "true")
public class ScriptedFollowUp implements EvidenceFollowUp {

    public static final String KIND = "test.trail";

    private final boolean stall;
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> waiting = new ConcurrentHashMap<>();
    private final List<ObjectNode> params = new CopyOnWriteArrayList<>();

    public ScriptedFollowUp(@Value("${carapulse.test.follow-up.stall:false}") boolean stall) {
        this.stall = stall;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Attempt attempt(ObjectNode p, String environment) {
        params.add(p.deepCopy());
        String key = p.path("key").asText();
        int n = attempts.computeIfAbsent(key, k -> new AtomicInteger()).getAndIncrement();
        if (stall) {
            return new Attempt.NotYet("stalled");
        }
        String[] answers = p.path("answers").asText("found").split(",");
        String answer = answers[Math.min(n, answers.length - 1)];
        return switch (answer) {
            case "found" -> {
                CountDownLatch hold = holds.get(key);
                if (hold != null) {
                    waiting.computeIfAbsent(key, k -> new CountDownLatch(1)).countDown();
                    await(hold);
                }
                yield new Attempt.Found(Map.of("eventId", "evt-" + key, "leak", "password=" + TrailTool.PASSWORD),
                        "ScaleService by carapulse in " + environment + ", aws_access_key_id = " + TrailTool.AWS_KEY);
            }
            case "failed" -> new Attempt.Failed("the trail refused the lookup");
            default -> new Attempt.NotYet("no event for " + key + " yet");
        };
    }

    /** Makes the attempt of {@code key} that would find something wait for {@link #release}. */
    public void hold(String key) {
        holds.put(key, new CountDownLatch(1));
    }

    /** Waits until an attempt of {@code key} is held (at most 30 s); false if none came. */
    public boolean awaitHeld(String key) throws InterruptedException {
        return waiting.computeIfAbsent(key, k -> new CountDownLatch(1)).await(30, TimeUnit.SECONDS);
    }

    public void release(String key) {
        holds.get(key).countDown();
    }

    /** How many times {@code key} was looked for. */
    public int attempts(String key) {
        return attempts.getOrDefault(key, new AtomicInteger()).get();
    }

    /** The parameters of every attempt, as the runtime handed them over. */
    public List<ObjectNode> params() {
        return List.copyOf(params);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
