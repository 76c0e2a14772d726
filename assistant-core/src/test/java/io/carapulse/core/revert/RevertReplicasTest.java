package io.carapulse.core.revert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.core.audit.AuditFilter;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.execution.ExecutionScheduler;
import io.carapulse.core.token.TokenService;
import io.carapulse.testkit.db.PostgresFixture;
import io.carapulse.testkit.fake.FakeWorld;
import io.carapulse.testkit.fake.JournalEntry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reverts on a real PostgreSQL, the way a cluster runs them: with two replicas polling the same task table,
 * each due revert starts exactly once and its inverse runs once; a server that was down when reverts fell due
 * runs them when it starts again.
 */
class RevertReplicasTest {

    private static final int CHANGES = 4;

    @Test
    void twoReplicasShouldRunEachDueRevertExactlyOnce() throws Exception {
        PostgresFixture.Database db = PostgresFixture.newDatabase();
        try (ApplicationContext first = replica(db, "web=2"); ApplicationContext second = replica(db, "web=2")) {
            TestHttp one = http(first);
            TestHttp two = http(second);
            TokenService tokens = first.getBean(TokenService.class);
            String operator = tokens.create(Actor.SYSTEM, "operator", List.of("operator")).token();
            String approver = tokens.create(Actor.SYSTEM, "approver", List.of("approver")).token();
            for (int i = 0; i < CHANGES; i++) {
                JsonNode change = timeBoxedChange(i % 2 == 0 ? one : two, operator, approver, 3 + i);
                assertThat(change.get("status").asText()).as(change.toString()).isEqualTo("SUCCEEDED");
            }
            List<String> ids = new ArrayList<>();
            two.get("/v1/reverts?status=SCHEDULED", operator).json().get("items").forEach(r -> ids.add(r.get("id").asText()));
            assertThat(ids).hasSize(CHANGES);

            makeAllDue(db);
            first.getBean(ExecutionScheduler.class).nudge();
            second.getBean(ExecutionScheduler.class).nudge();

            for (String id : ids) {
                JsonNode done = awaitRevert(one, id, operator);
                assertThat(done.get("revertStatus").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
            }
            assertThat(count(db, "SELECT COUNT(*) FROM plan WHERE summary LIKE 'Revert of %'")).isEqualTo(CHANGES);
            AuditService audit = first.getBean(AuditService.class);
            for (String id : ids) {
                assertThat(audit.list(new AuditFilter(null, "revert.start", null, null, null, null), 1000).items().stream()
                        .filter(a -> id.equals(a.subjectId()))).as("revert %s started once", id).hasSize(1);
            }
            List<JournalEntry> writes = new ArrayList<>();
            writes.addAll(first.getBean(FakeWorld.class).executions());
            writes.addAll(second.getBean(FakeWorld.class).executions());
            // each change scaled web once and each revert scaled it back once, on one replica or the other
            assertThat(writes).hasSize(2 * CHANGES).allSatisfy(w -> assertThat(w.qualifiedName()).isEqualTo("fake.scale"));
            JsonNode verified = one.get("/v1/audit/verify", operator).json();
            assertThat(verified.get("ok").asBoolean()).as(verified.toString()).isTrue();
        }
    }

    @Test
    void aServerThatWasDownWhenRevertsFellDueShouldRunThemWhenItStarts() throws Exception {
        PostgresFixture.Database db = PostgresFixture.newDatabase();
        String operator;
        String revertId;
        try (ApplicationContext before = replica(db, "web=2")) {
            TestHttp http = http(before);
            TokenService tokens = before.getBean(TokenService.class);
            operator = tokens.create(Actor.SYSTEM, "operator", List.of("operator")).token();
            String approver = tokens.create(Actor.SYSTEM, "approver", List.of("approver")).token();
            JsonNode change = timeBoxedChange(http, operator, approver, 5);
            assertThat(change.get("status").asText()).isEqualTo("SUCCEEDED");
            revertId = http.get("/v1/reverts", operator).json().at("/items/0/id").asText();
        }
        makeAllDue(db); // the time passes while no server runs

        try (ApplicationContext after = replica(db, "web=5")) {
            JsonNode done = awaitRevert(http(after), revertId, operator);
            assertThat(done.get("revertStatus").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
            assertThat(after.getBean(FakeWorld.class).deployment("web").orElseThrow().replicas()).isEqualTo(2);
        }
    }

    // ---- helpers

    private static ApplicationContext replica(PostgresFixture.Database db, String deployments) {
        Map<String, Object> props = new HashMap<>(db.datasourceProperties());
        props.put("micronaut.server.port", "-1");
        props.put("carapulse.testkit.fake-tools", "true");
        props.put("carapulse.testkit.fake-deployments", deployments);
        ApplicationContext ctx = ApplicationContext.run(props, "test");
        ctx.getBean(EmbeddedServer.class).start();
        return ctx;
    }

    private static TestHttp http(ApplicationContext ctx) {
        return new TestHttp(ctx.getBean(EmbeddedServer.class).getURL());
    }

    private static JsonNode timeBoxedChange(TestHttp http, String operator, String approver, int replicas) {
        TestHttp.Response created = http.post("/v1/plans", operator, "{\"environment\":\"prod\",\"summary\":\"scale for a "
                + "while\",\"steps\":[{\"tool\":\"fake\",\"action\":\"scale\",\"args\":{\"name\":\"web\",\"replicas\":"
                + replicas + "},\"revertAfter\":\"1h\"}]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String planId = created.json().get("id").asText();
        assertThat(http.post("/v1/plans/" + planId + "/approval", approver, "{\"decision\":\"approve\"}").status())
                .isEqualTo(200);
        String executionId = http.post("/v1/plans/" + planId + "/execute", operator, "").json().get("executionId").asText();
        return http.awaitExecution(executionId, operator);
    }

    /** Every scheduled revert and its task were due a second ago. */
    private static void makeAllDue(PostgresFixture.Database db) throws SQLException {
        Timestamp past = Timestamp.from(Instant.now().minusSeconds(1));
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE step_revert SET due_at = ? WHERE status = 'SCHEDULED'")) {
                ps.setTimestamp(1, past);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE scheduled_tasks SET execution_time = ? WHERE task_name = ?")) {
                ps.setTimestamp(1, past);
                ps.setString(2, RevertTask.NAME);
                assertThat(ps.executeUpdate()).isPositive();
            }
        }
    }

    private static int count(PostgresFixture.Database db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static JsonNode awaitRevert(TestHttp http, String id, String token) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode r = null;
        while (System.nanoTime() < deadline) {
            r = http.get("/v1/reverts/" + id, token).json();
            if (List.of("SUCCEEDED", "FAILED", "HELD", "CANCELLED", "ROLLED_BACK").contains(r.path("revertStatus").asText())) {
                return r;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("revert " + id + " did not run: " + r);
    }
}
