package io.carapulse.core.revert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.dto.TokenCreatedView;
import io.carapulse.core.audit.AuditFilter;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.execution.ExecutionScheduler;
import io.carapulse.core.token.TokenService;
import io.carapulse.testkit.fake.FakeWorld;
import io.carapulse.testkit.fake.JournalEntry;
import io.micronaut.context.annotation.Property;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Time-boxed changes through the API: {@code revertAfter} is refused at plan time wherever it could not be
 * honoured, shown and fingerprinted with the plan, and once the change's execution succeeded its inverse runs
 * when due — as a system execution of its own under the change's approval — unless it is cancelled; people
 * may run it now or extend it, with the roles each needs, and every step is audited.
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
@Property(name = "carapulse.environments.staging.guard-rails.revert-after-max", value = "2h")
class RevertAfterTest {

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject FakeWorld fake;
    @Inject JdbcOperations jdbc;
    @Inject TransactionOperations<Connection> tx;
    @Inject ExecutionScheduler scheduler;
    @Inject AuditService audit;
    @Inject Reverts reverts;

    private TestHttp http;
    private TokenCreatedView oliver;
    private TokenCreatedView bob;
    private TokenCreatedView vera;

    @BeforeEach
    void setUp() {
        http = new TestHttp(server.getURL());
        fake.reset();
        fake.deploy("web", 2);
        oliver = tokens.create(Actor.SYSTEM, "oliver", List.of("operator"));
        bob = tokens.create(Actor.SYSTEM, "bob", List.of("approver"));
        vera = tokens.create(Actor.SYSTEM, "vera", List.of("viewer"));
    }

    private static String plan(String environment, String stepsJson) {
        return "{\"environment\":\"" + environment + "\",\"summary\":\"time-boxed\",\"steps\":[" + stepsJson + "]}";
    }

    private static String scale(int replicas, String revertAfter) {
        return "{\"tool\":\"fake\",\"action\":\"scale\",\"args\":{\"name\":\"web\",\"replicas\":" + replicas + "}"
                + (revertAfter == null ? "" : ",\"revertAfter\":" + revertAfter) + "}";
    }

    @Test
    void aRevertAfterThatCouldNotBeHonouredShouldBeRefusedWhenThePlanIsMade() {
        record Case(String environment, String step, String message) {
        }
        int before = storedPlans();
        List<Case> cases = List.of(
                new Case("prod", "{\"tool\":\"fake\",\"action\":\"get\",\"args\":{\"name\":\"web\"},\"revertAfter\":\"1h\"}",
                        "revertAfter needs a write that can be undone; fake.get is a read"),
                new Case("prod", "{\"tool\":\"fake\",\"action\":\"get\",\"args\":{\"name\":\"web\"},\"stage\":\"verify\","
                        + "\"assert\":{\"pointer\":\"/replicas\",\"op\":\"eq\",\"value\":3},\"revertAfter\":\"1h\"}",
                        "only act steps may carry revertAfter"),
                new Case("prod", scale(3, "\"2 hours\""), "revertAfter must be a whole number of minutes, hours or days"),
                new Case("prod", scale(3, "\"0h\""), "revertAfter must be a whole number of minutes, hours or days"),
                new Case("prod", scale(3, "\"25h\""), "revertAfter 25h is longer than environment 'prod' allows (1d,"
                        + " guard-rails.revert-after-max)"),
                new Case("staging", scale(3, "\"3h\""), "revertAfter 3h is longer than environment 'staging' allows (2h,"));
        for (Case c : cases) {
            TestHttp.Response r = http.post("/v1/plans", oliver.token(), plan(c.environment(), c.step()));
            assertThat(r.status()).as(c.step()).isEqualTo(422);
            assertThat(r.code()).isEqualTo("validation_failed");
            assertThat(r.json().get("detail").asText()).as(c.step()).contains("steps[0]", c.message());
        }
        TestHttp.Response number = http.post("/v1/plans", oliver.token(), plan("prod", scale(3, "7200")));
        assertThat(number.status()).as("a number is not bound as a duration").isIn(400, 422);
        assertThat(number.body()).doesNotContain("Exception");
        assertThat(storedPlans()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void theExpiryShouldBeShownWithThePlanAndCoveredByItsFingerprint() {
        JsonNode boxed = http.post("/v1/plans", oliver.token(), plan("prod", scale(3, "\"90m\""))).json();
        JsonNode plain = http.post("/v1/plans", oliver.token(), plan("prod", scale(3, null))).json();
        JsonNode longer = http.post("/v1/plans", oliver.token(), plan("prod", scale(3, "\"2h\""))).json();

        assertThat(boxed.at("/steps/0/revertAfter").asText()).isEqualTo("90m");
        assertThat(longer.at("/steps/0/revertAfter").asText()).isEqualTo("2h");
        assertThat(plain.at("/steps/0/revertAfter").isNull() || plain.at("/steps/0/revertAfter").isMissingNode()).isTrue();
        assertThat(List.of(plain.get("fingerprint").asText(), longer.get("fingerprint").asText()))
                .doesNotContain(boxed.get("fingerprint").asText());
        assertThat(http.get("/v1/plans/" + boxed.get("id").asText(), vera.token()).json().at("/steps/0/revertAfter")
                .asText()).isEqualTo("90m");
    }

    @Test
    void theInverseShouldRunWhenDueAsASystemExecutionUnderTheChangesApproval() {
        String planId = approvedPlan(scale(3, "\"1h\""));
        JsonNode change = execute(planId);
        assertThat(change.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(fake.deployment("web").orElseThrow().replicas()).isEqualTo(3);

        JsonNode revert = onlyRevertOf(change.get("id").asText());
        assertThat(revert.get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(revert.get("tool").asText() + "." + revert.get("action").asText()).isEqualTo("fake.scale");
        assertThat(revert.at("/args/replicas").asInt()).isEqualTo(2);
        Instant ended = Instant.parse(change.get("endedAt").asText());
        assertThat(Instant.parse(revert.get("dueAt").asText())).isCloseTo(ended.plus(Duration.ofHours(1)),
                within(5, ChronoUnit.SECONDS));

        String id = revert.get("id").asText();
        makeDue(id);
        JsonNode done = awaitRevert(id, oliver.token());

        assertThat(done.get("status").asText()).isEqualTo("STARTED");
        assertThat(done.get("revertStatus").asText()).isEqualTo("SUCCEEDED");
        assertThat(fake.deployment("web").orElseThrow().replicas()).isEqualTo(2);
        String revertExecution = done.get("revertExecutionId").asText();
        JsonNode execution = http.get("/v1/executions/" + revertExecution, vera.token()).json();
        assertThat(execution.get("approvalId").asText()).isEqualTo(change.get("approvalId").asText());
        JsonNode revertPlan = http.get("/v1/plans/" + done.get("revertPlanId").asText(), vera.token()).json();
        assertThat(revertPlan.get("summary").asText()).contains("Revert of step 0 of plan " + planId);
        assertThat(revertPlan.get("requiresApproval").asBoolean()).isFalse();
        JsonNode evidence = http.get("/v1/executions/" + revertExecution + "/evidence", vera.token()).json();
        assertThat(evidence.findValuesAsText("action")).contains("scale");
        assertThat(audits("revert.schedule", id)).isEqualTo(1);
        assertThat(audits("revert.start", id)).isEqualTo(1);
        assertThat(fake.executions().stream().filter(e -> e.args().path("replicas").asInt() == 2)).hasSize(1);

        // a task that fires again (a replica that revived it) starts nothing more
        reverts.fire(id);
        assertThat(audits("revert.start", id)).isEqualTo(1);
    }

    @Test
    void anExecutionThatRolledBackOrFailedShouldScheduleNoRevert() {
        String verifyFails = scale(3, "\"1h\"") + ",{\"tool\":\"fake\",\"action\":\"get\",\"stage\":\"verify\","
                + "\"args\":{\"name\":\"web\"},\"assert\":{\"pointer\":\"/replicas\",\"op\":\"eq\",\"value\":99}}";
        JsonNode rolledBack = execute(approvedPlan(verifyFails));
        assertThat(rolledBack.get("status").asText()).isEqualTo("ROLLED_BACK");
        String laterFails = scale(4, "\"1h\"") + ",{\"tool\":\"fake\",\"action\":\"fail\",\"args\":{\"message\":\"boom\"}}";
        JsonNode failed = execute(approvedPlan(laterFails));
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");

        List<String> changes = new java.util.ArrayList<>();
        http.get("/v1/reverts", vera.token()).json().get("items").forEach(r -> changes.add(r.get("executionId").asText()));
        // the runtime undid the rolled-back change already; what a failed execution left is for a person
        assertThat(changes).doesNotContain(rolledBack.get("id").asText(), failed.get("id").asText());
    }

    @Test
    void runningNowShouldNeedTheExecuteRoleAndRunTheInverseAtOnce() {
        String id = scheduledRevert("\"1h\"");

        TestHttp.Response asViewer = http.post("/v1/reverts/" + id + "/run", vera.token(), "{}");
        assertThat(asViewer.status()).isEqualTo(403);
        assertThat(asViewer.code()).isEqualTo("forbidden");

        TestHttp.Response now = http.post("/v1/reverts/" + id + "/run", oliver.token(), "{\"note\":\"load is down\"}");
        assertThat(now.status()).as(now.body()).isEqualTo(200);
        JsonNode done = awaitRevert(id, oliver.token());
        assertThat(done.get("revertStatus").asText()).isEqualTo("SUCCEEDED");
        assertThat(fake.deployment("web").orElseThrow().replicas()).isEqualTo(2);
        assertThat(audits("revert.run_now", id)).isEqualTo(1);
    }

    @Test
    void aCancelledRevertShouldNeverRun() {
        String id = scheduledRevert("\"1h\"");

        assertThat(http.post("/v1/reverts/" + id + "/cancel", oliver.token(), "{\"note\":\"keep it\"}").status())
                .as("an operator is not an approver").isEqualTo(403);
        TestHttp.Response noReason = http.post("/v1/reverts/" + id + "/cancel", bob.token(), "{}");
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.json().get("detail").asText()).contains("note: required");

        TestHttp.Response cancelled = http.post("/v1/reverts/" + id + "/cancel", bob.token(),
                "{\"note\":\"the launch runs another day\"}");
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.json().get("updatedBy").asText()).isEqualTo("token:" + bob.id());

        reverts.fire(id); // a task already claimed when the cancel committed
        makeDueTask(id);
        scheduler.nudge();
        sleep(1500);

        assertThat(http.get("/v1/reverts/" + id, vera.token()).json().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(fake.deployment("web").orElseThrow().replicas()).isEqualTo(3);
        assertThat(fake.executions().stream().map(JournalEntry::args).filter(a -> a.path("replicas").asInt() == 2))
                .isEmpty();
        assertThat(audits("revert.cancel", id)).isEqualTo(1);
        assertThat(audits("revert.start", id)).isZero();
        TestHttp.Response run = http.post("/v1/reverts/" + id + "/run", oliver.token(), "{}");
        assertThat(run.status()).isEqualTo(409);
        assertThat(run.code()).isEqualTo("invalid_state");
    }

    @Test
    void anExtensionShouldBeAnApprovalWithinTheEnvironmentsBound() {
        String id = scheduledRevert("\"1h\"");
        Instant due = Instant.parse(http.get("/v1/reverts/" + id, vera.token()).json().get("dueAt").asText());

        assertThat(http.post("/v1/reverts/" + id + "/extend", oliver.token(), "{\"revertAfter\":\"3h\"}").status())
                .as("the requester is no approver").isEqualTo(403);
        TestHttp.Response tooLong = http.post("/v1/reverts/" + id + "/extend", bob.token(), "{\"revertAfter\":\"2d\"}");
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.json().get("detail").asText()).contains("2d is longer than environment 'prod' allows (1d");
        TestHttp.Response sooner = http.post("/v1/reverts/" + id + "/extend", bob.token(), "{\"revertAfter\":\"10m\"}");
        assertThat(sooner.status()).isEqualTo(422);
        TestHttp.Response strict = http.post("/v1/reverts/" + id + "/extend", bob.token(), "{\"revertAfter\":3}");
        assertThat(strict.status()).isIn(400, 422);

        TestHttp.Response extended = http.post("/v1/reverts/" + id + "/extend", bob.token(),
                "{\"revertAfter\":\"3h\",\"note\":\"the launch runs long\"}");
        assertThat(extended.status()).as(extended.body()).isEqualTo(200);
        Instant later = Instant.parse(extended.json().get("dueAt").asText());
        assertThat(later).isAfter(due.plus(Duration.ofMinutes(110)));
        assertThat(extended.json().get("note").asText()).isEqualTo("the launch runs long");
        assertThat(audits("revert.extend", id)).isEqualTo(1);
        assertThat(http.get("/v1/reverts?status=SCHEDULED", vera.token()).json().get("items").findValuesAsText("id"))
                .contains(id);
        assertThat(http.get("/v1/reverts?status=later", vera.token()).status()).isEqualTo(422);
    }

    // ---- helpers

    private int storedPlans() {
        return tx.executeRead(s -> jdbc.prepareStatement("SELECT COUNT(*) FROM plan", ps -> {
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }));
    }

    private String approvedPlan(String step) {
        TestHttp.Response created = http.post("/v1/plans", oliver.token(), plan("prod", step));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String planId = created.json().get("id").asText();
        TestHttp.Response approved = http.post("/v1/plans/" + planId + "/approval", bob.token(), "{\"decision\":\"approve\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        return planId;
    }

    private JsonNode execute(String planId) {
        String executionId = http.post("/v1/plans/" + planId + "/execute", oliver.token(), "").json().get("executionId")
                .asText();
        return http.awaitExecution(executionId, oliver.token());
    }

    private String scheduledRevert(String revertAfter) {
        JsonNode change = execute(approvedPlan(scale(3, revertAfter)));
        assertThat(change.get("status").asText()).isEqualTo("SUCCEEDED");
        return onlyRevertOf(change.get("id").asText()).get("id").asText();
    }

    private JsonNode onlyRevertOf(String executionId) {
        List<JsonNode> mine = new java.util.ArrayList<>();
        http.get("/v1/reverts", vera.token()).json().get("items").forEach(r -> {
            if (r.get("executionId").asText().equals(executionId)) {
                mine.add(r);
            }
        });
        assertThat(mine).hasSize(1);
        return mine.get(0);
    }

    /** The time passes: the revert and its task are due a second ago. */
    private void makeDue(String id) {
        tx.executeWrite(s -> jdbc.prepareStatement("UPDATE step_revert SET due_at = ? WHERE id = ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(1)));
            ps.setString(2, id);
            return ps.executeUpdate();
        }));
        makeDueTask(id);
        scheduler.nudge();
    }

    private void makeDueTask(String id) {
        tx.executeWrite(s -> jdbc.prepareStatement("UPDATE scheduled_tasks SET execution_time = ? WHERE task_name = ?"
                + " AND task_instance = ?", ps -> {
                    ps.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(1)));
                    ps.setString(2, RevertTask.NAME);
                    ps.setString(3, id);
                    return ps.executeUpdate();
                }));
    }

    private JsonNode awaitRevert(String id, String token) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode r = null;
        while (System.nanoTime() < deadline) {
            r = http.get("/v1/reverts/" + id, token).json();
            if (List.of("SUCCEEDED", "FAILED", "HELD", "CANCELLED", "ROLLED_BACK").contains(r.path("revertStatus").asText())) {
                return r;
            }
            sleep(100);
        }
        throw new AssertionError("revert " + id + " did not run: " + r);
    }

    private long audits(String action, String revertId) {
        return audit.list(new AuditFilter(null, action, null, null, null, null), 1000).items().stream()
                .filter(a -> revertId.equals(a.subjectId())).count();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
