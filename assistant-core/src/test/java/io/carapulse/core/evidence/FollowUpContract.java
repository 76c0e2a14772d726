package io.carapulse.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.token.TokenService;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Evidence follow-ups on each database Carapulse supports ({@link FollowUpTest} on H2,
 * {@link PostgresFollowUpTest} on PostgreSQL): a step whose tool asks to look again later gains, after it
 * ended, an addendum to its evidence — pending while its provider has nothing yet, then found with the
 * provider's ids, or not found once its time is up, or failed — written with an audited, redacted record
 * by the db-scheduler task. The backoff is shortened through configuration; nothing waits on time.
 */
abstract class FollowUpContract implements TestPropertyProvider {

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject ScriptedFollowUp followUp;

    TestHttp http;
    String admin;

    @Override
    public Map<String, String> getProperties() {
        return new HashMap<>(Map.of(
                "carapulse.test.trail-tool", "true",
                "carapulse.evidence.follow-up.first-delay", "100ms",
                "carapulse.evidence.follow-up.max-delay", "200ms"));
    }

    @BeforeEach
    void setUp() {
        http = new TestHttp(server.getURL());
        admin = tokens.create(Actor.SYSTEM, "follow-up-admin", List.of("admin")).token();
    }

    @Test
    void shouldShowAFollowUpPendingThenFoundWithTheProvidersIdsAndAuditIt() throws InterruptedException {
        String key = key();
        followUp.hold(key);
        String executionId = run("""
                {"tool":"trail","action":"touch","args":{"kind":"test.trail","key":"%s","answers":"not_yet,not_yet,found"}},
                {"tool":"trail","action":"touch","args":{"key":"%s"}}""".formatted(key, key + "b"));

        assertThat(followUp.awaitHeld(key)).as("the third attempt came").isTrue();
        JsonNode pending = http.get("/v1/executions/" + executionId + "/evidence", admin).json();
        JsonNode first = pending.get(0).get("followUps").get(0);
        assertThat(first.get("kind").asText()).isEqualTo("test.trail");
        assertThat(first.get("status").asText()).isEqualTo("pending");
        assertThat(first.get("attempts").asInt()).isEqualTo(2);
        assertThat(first.get("externalIds").size()).isZero();
        assertThat(first.get("summary").asText()).isEqualTo("no event for " + key + " yet");
        assertThat(pending.get(1).has("followUps")).as("a step that asked for none shows none").isFalse();
        followUp.release(key);

        JsonNode found = awaitFollowUp(executionId, f -> f.get("status").asText().equals("found"));
        assertThat(found.get("attempts").asInt()).isEqualTo(3);
        assertThat(found.get("externalIds").get("eventId").asText()).isEqualTo("evt-" + key);
        assertThat(found.get("summary").asText()).startsWith("ScaleService by carapulse in dev");
        assertThat(found.get("updatedAt").isTextual()).isTrue();
        String evidenceId = http.get("/v1/executions/" + executionId + "/evidence", admin).json().get(0).get("id")
                .asText();
        JsonNode one = http.get("/v1/evidence/" + evidenceId, admin).json();
        assertThat(one.get("followUps").get(0).get("status").asText()).isEqualTo("found");

        JsonNode audit = http.get("/v1/audit?action=evidence.addendum&subject=" + evidenceId, admin).json()
                .get("items");
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).get("actor").asText()).isEqualTo("system");
        assertThat(audit.get(0).get("reason").asText()).isEqualTo("found");
        assertThat(audit.get(0).at("/details/externalIds/eventId").asText()).isEqualTo("evt-" + key);
        assertThat(audit.get(0).at("/details/executionId").asText()).isEqualTo(executionId);
        assertThat(http.get("/v1/audit/verify", admin).json().get("ok").asBoolean()).isTrue();
    }

    @Test
    void shouldKeepSecretsOutOfTheStoredParametersTheAddendumAndItsAuditRecord() {
        String key = key();
        String executionId = run("""
                {"tool":"trail","action":"touch","args":{"kind":"test.trail","key":"%s"}}""".formatted(key));

        awaitFollowUp(executionId, f -> f.get("status").asText().equals("found"));

        String everything = http.get("/v1/executions/" + executionId + "/evidence", admin).body()
                + http.get("/v1/audit?action=evidence.addendum", admin).body()
                + followUp.params().stream().filter(p -> p.path("key").asText().equals(key)).toList();
        assertThat(everything).doesNotContain(TrailTool.AWS_KEY, TrailTool.PASSWORD).contains("[REDACTED]");
        assertThat(followUp.params()).filteredOn(p -> p.path("key").asText().equals(key)).isNotEmpty()
                .allSatisfy(p -> assertThat(p.at("/nested/auth").asText()).contains("[REDACTED]"));
    }

    @Test
    void shouldRecordNotFoundWhenNothingTurnsUpBeforeTheToolGivesUp() {
        String key = key();
        String executionId = run("""
                {"tool":"trail","action":"touch","args":{"kind":"test.trail","key":"%s","answers":"not_yet",
                 "giveUpMillis":600}}""".formatted(key));

        JsonNode notFound = awaitFollowUp(executionId, f -> !f.get("status").asText().equals("pending"));

        assertThat(notFound.get("status").asText()).isEqualTo("not_found");
        assertThat(notFound.get("attempts").asInt()).isEqualTo(followUp.attempts(key)).isGreaterThanOrEqualTo(1);
        assertThat(notFound.get("summary").asText()).startsWith("nothing found within 0.6s")
                .endsWith("last: no event for " + key + " yet");
        assertThat(notFound.get("externalIds").size()).isZero();
        assertThat(http.get("/v1/audit?action=evidence.addendum", admin).body()).contains("not_found");
    }

    @Test
    void shouldRecordAFollowUpNobodyOffersAsFailedWithoutTryingAgain() {
        String key = key();
        String executionId = run("""
                {"tool":"trail","action":"touch","args":{"kind":"test.nobody","key":"%s"}}""".formatted(key));

        JsonNode failed = awaitFollowUp(executionId, f -> !f.get("status").asText().equals("pending"));

        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("attempts").asInt()).isEqualTo(1);
        assertThat(failed.get("summary").asText())
                .isEqualTo("nothing on this server looks for follow-ups of kind 'test.nobody' (no tool family "
                        + "installed here offers it)");
        assertThat(followUp.attempts(key)).isZero();
    }

    @Test
    void shouldRecordWhatAFollowUpSaysItCanNeverFindAsFailed() {
        String key = key();
        String executionId = run("""
                {"tool":"trail","action":"touch","args":{"kind":"test.trail","key":"%s","answers":"not_yet,failed"}}"""
                .formatted(key));

        JsonNode failed = awaitFollowUp(executionId, f -> !f.get("status").asText().equals("pending"));

        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("attempts").asInt()).isEqualTo(2);
        assertThat(failed.get("summary").asText()).isEqualTo("the trail refused the lookup");
    }

    static String key() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** Runs a plan of {@code steps} (JSON objects, comma-separated) in dev and returns its execution id. */
    String run(String steps) {
        String planId = http.post("/v1/plans", admin, "{\"environment\":\"dev\",\"summary\":\"trail\",\"steps\":["
                + steps + "]}").json().get("id").asText();
        String executionId = http.post("/v1/plans/" + planId + "/execute", admin, "").json().get("executionId")
                .asText();
        String status = await(() -> {
            String s = http.get("/v1/executions/" + executionId, admin).json().get("status").asText();
            return s.equals("SUCCEEDED") || s.equals("FAILED") ? s : null;
        });
        assertThat(status).isEqualTo("SUCCEEDED");
        return executionId;
    }

    /** The first follow-up of the execution's first evidence, once it matches {@code done}. */
    JsonNode awaitFollowUp(String executionId, Predicate<JsonNode> done) {
        return await(() -> {
            JsonNode f = http.get("/v1/executions/" + executionId + "/evidence", admin).json().get(0)
                    .path("followUps").path(0);
            return !f.isMissingNode() && done.test(f) ? f : null;
        });
    }

    static <T> T await(java.util.function.Supplier<T> probe) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("not reached within 30 s");
    }
}
