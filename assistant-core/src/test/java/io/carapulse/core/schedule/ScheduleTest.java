package io.carapulse.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.token.TokenService;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Schedules fire runbooks through db-scheduler: one plan per tick with the schedule as its origin,
 * overlapping ticks skipped (and why), missed ticks skipped or run once by the misfire policy, paused
 * schedules silent, bad input refused with the field at fault.
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
class ScheduleTest {

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject ScheduleService service;

    private TestHttp http;
    private String admin;
    private String operator;
    private String name;

    @BeforeEach
    void setUp() {
        http = new TestHttp(server.getURL());
        admin = tokens.create(Actor.SYSTEM, "sch-admin", List.of("admin")).token();
        operator = tokens.create(Actor.SYSTEM, "sch-operator", List.of("operator")).token();
        name = "sched-" + Long.toString(System.nanoTime(), 36);
    }

    private void runbook(String action, String args) {
        String yaml = String.join("\n", "name: " + name, "description: scheduled", "summary: scheduled " + name,
                "steps:", "  - tool: fake", "    action: " + action, "    args: " + args, "");
        assertThat(http.send("POST", "/v1/runbooks", admin, "application/yaml", yaml).status()).isEqualTo(201);
    }

    private String schedule(String cron, String overlap, String misfire) {
        TestHttp.Response created = http.post("/v1/schedules", operator, "{\"runbook\":\"" + name + "\",\"environment\":\"prod\","
                + "\"params\":{},\"cron\":\"" + cron + "\",\"timeZone\":\"Europe/Berlin\",\"overlap\":\"" + overlap
                + "\",\"misfire\":\"" + misfire + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().has("nextFireAt")).isTrue();
        return created.json().get("id").asText();
    }

    @Test
    void shouldMakeOnePlanPerTickWithTheScheduleAsItsOrigin() throws Exception {
        runbook("echo", "{text: tick}");
        String id = schedule("* * * * * *", "skip", "skip");

        JsonNode fires = awaitFires(id, 3);
        Set<String> times = new HashSet<>();
        List<String> plans = new ArrayList<>();
        for (JsonNode f : fires) {
            assertThat(times.add(f.get("fireTime").asText())).as("each tick once: " + fires).isTrue();
            if (f.get("outcome").asText().equals("planned")) {
                plans.add(f.get("planId").asText());
            }
        }
        assertThat(plans).hasSizeGreaterThanOrEqualTo(2);
        JsonNode plan = http.get("/v1/plans/" + plans.get(0), operator).json();
        assertThat(plan.at("/origin/trigger").asText()).isEqualTo("schedule");
        assertThat(plan.at("/origin/scheduleId").asText()).isEqualTo(id);
        assertThat(plan.get("requester").asText()).as("the creator requests the schedule's plans").startsWith("token:");

        assertThat(http.post("/v1/schedules/" + id + "/pause", operator, "").json().get("enabled").asBoolean()).isFalse();
        int before = http.get("/v1/schedules/" + id, operator).json().get("fires").size();
        Thread.sleep(2500);
        assertThat(http.get("/v1/schedules/" + id, operator).json().get("fires").size()).as("paused: no tick").isEqualTo(before);
        assertThat(http.get("/v1/schedules/" + id, operator).json().has("nextFireAt")).isFalse();

        assertThat(http.delete("/v1/schedules/" + id, admin).status()).isEqualTo(204);
        assertThat(http.get("/v1/schedules/" + id, operator).status()).isEqualTo(404);
    }

    @Test
    void shouldSkipATickWhileThePreviousRunsPlanWaits() {
        runbook("scale", "{name: web, replicas: 2}");
        String id = schedule("* * * * * *", "skip", "skip");

        JsonNode fires = awaitFires(id, 3);
        List<String> outcomes = new ArrayList<>();
        fires.forEach(f -> outcomes.add(f.get("outcome").asText() + ":" + f.path("reason").asText("")));
        assertThat(outcomes.get(outcomes.size() - 1)).as("the oldest tick made the plan").startsWith("planned");
        assertThat(outcomes.get(0)).startsWith("skipped:overlap: the plan of the previous run");
        http.post("/v1/schedules/" + id + "/pause", operator, "");

        JsonNode audit = http.get("/v1/audit?action=schedule.skip&subjectId=" + id, admin).json();
        assertThat(audit.get("items").size()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void shouldQueueATickUntilThePreviousRunsPlanHasFinished() throws Exception {
        runbook("scale", "{name: web, replicas: 2}");
        String id = schedule("* * * * * *", "queue", "skip");

        JsonNode first = awaitFires(id, 1).get(0);
        assertThat(first.get("outcome").asText()).isEqualTo("planned");
        Thread.sleep(2500);
        assertThat(http.get("/v1/schedules/" + id, operator).json().get("fires")).as("the next tick waits").hasSize(1);

        assertThat(http.post("/v1/plans/" + first.get("planId").asText() + "/cancel", operator, "").status()).isEqualTo(200);
        JsonNode fires = awaitFires(id, 2);
        http.post("/v1/schedules/" + id + "/pause", operator, "");
        JsonNode queued = fires.get(fires.size() - 2);
        assertThat(queued.get("outcome").asText()).isEqualTo("planned");
        assertThat(Instant.parse(queued.get("fireTime").asText()))
                .as("the queued tick keeps its time").isBefore(Instant.parse(queued.get("firedAt").asText()).minusSeconds(1));
    }

    @Test
    void shouldSkipOrRunOnceATickThatWasMissed() {
        runbook("echo", "{text: late}");
        String skip = schedule("0 3 * * *", "skip", "skip");
        String once = schedule("0 3 * * *", "skip", "run-once");
        Instant missed = Instant.now().minus(Duration.ofHours(5));

        service.fire(skip, missed);
        service.fire(once, missed);
        service.fire(once, missed); // the same tick again (another replica, a retry): nothing more

        JsonNode skipped = http.get("/v1/schedules/" + skip, operator).json().get("fires");
        assertThat(skipped).hasSize(1);
        assertThat(skipped.get(0).get("outcome").asText()).isEqualTo("skipped");
        assertThat(skipped.get(0).get("reason").asText()).startsWith("misfire:");
        JsonNode ran = http.get("/v1/schedules/" + once, operator).json().get("fires");
        assertThat(ran).hasSize(1);
        assertThat(ran.get(0).get("outcome").asText()).isEqualTo("planned");
        assertThat(ran.get(0).get("reason").asText()).contains("ran once");
    }

    @Test
    void shouldRefuseABadScheduleNamingTheField() {
        runbook("echo", "{text: x}");
        TestHttp.Response cron = http.post("/v1/schedules", operator, "{\"runbook\":\"" + name + "\",\"environment\":\"prod\","
                + "\"cron\":\"61 * * * *\",\"timeZone\":\"UTC\"}");
        assertThat(cron.status()).isEqualTo(422);
        assertThat(cron.json().at("/errors/0/path").asText()).isEqualTo("cron");
        TestHttp.Response zone = http.post("/v1/schedules", operator, "{\"runbook\":\"" + name + "\",\"environment\":\"prod\","
                + "\"cron\":\"0 9 * * *\",\"timeZone\":\"CEST\"}");
        assertThat(zone.json().at("/errors/0/path").asText()).isEqualTo("timeZone");
        TestHttp.Response policy = http.post("/v1/schedules", operator, "{\"runbook\":\"" + name + "\",\"environment\":\"prod\","
                + "\"cron\":\"0 9 * * *\",\"overlap\":\"sometimes\"}");
        assertThat(policy.status()).isEqualTo(422);
        assertThat(policy.body()).contains("overlap: must be one of queue, skip");
        TestHttp.Response params = http.post("/v1/schedules", operator, "{\"runbook\":\"" + name + "\",\"environment\":\"prod\","
                + "\"params\":{\"x\":1},\"cron\":\"0 9 * * *\"}");
        assertThat(params.json().at("/errors/0/path").asText()).isEqualTo("params.x");
        TestHttp.Response outside = http.post("/v1/schedules", operator, "{\"runbook\":\"scale-service\",\"environment\":\"prod\","
                + "\"params\":{\"namespace\":\"kube-system\",\"name\":\"web\",\"replicas\":2},\"cron\":\"0 9 * * *\"}");
        assertThat(outside.code()).as("what every tick would be refused for is refused now").isEqualTo("target_not_allowed");
        TestHttp.Response nowhere = http.post("/v1/schedules", operator, "{\"runbook\":\"" + name + "\",\"environment\":\"mars\","
                + "\"cron\":\"0 9 * * *\"}");
        assertThat(nowhere.code()).isEqualTo("environment_not_allowed");
        String viewer = tokens.create(Actor.SYSTEM, "sch-viewer", List.of("viewer")).token();
        assertThat(http.post("/v1/schedules", viewer, "{\"runbook\":\"" + name + "\",\"environment\":\"prod\","
                + "\"cron\":\"0 9 * * *\"}").status()).isEqualTo(403);
        assertThat(http.get("/v1/schedules", viewer).json().get("items").toString()).doesNotContain("\"cron\":\"61");
    }

    private JsonNode awaitFires(String id, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode fires = null;
        while (System.nanoTime() < deadline) {
            fires = http.get("/v1/schedules/" + id, operator).json().get("fires");
            if (fires != null && fires.size() >= count) {
                return fires;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("schedule " + id + " fired " + (fires == null ? 0 : fires.size()) + " times, not " + count);
    }
}
