package io.carapulse.core.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.common.Ids;
import io.carapulse.core.token.TokenService;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Retention against each database Carapulse supports ({@link RetentionTest} on H2,
 * {@link PostgresRetentionTest} on PostgreSQL): old event logs, step output and chat transcripts go in
 * bounded batches, each with its audit record; the audit chain, evidence hashes and anything recent or
 * still running stay, and reads of what was pruned say so.
 */
abstract class RetentionContract implements TestPropertyProvider {

    @Inject RetentionService retention;
    @Inject AuditService audit;
    @Inject JdbcOperations jdbc;
    @Inject TransactionOperations<Connection> tx;
    @Inject EmbeddedServer server;
    @Inject TokenService tokens;

    @Override
    public Map<String, String> getProperties() {
        return new HashMap<>(Map.of(
                "carapulse.retention.event-log", "90d",
                "carapulse.retention.step-output", "90d",
                "carapulse.retention.chat", "30d",
                "carapulse.retention.batch-size", "2"));
    }

    record Run(String executionId, String evidenceId) {
    }

    @Test
    void shouldPruneOldLogsOutputsAndChatsInBoundedBatchesKeepingHashesAndTheChain() throws InterruptedException {
        awaitFirstScheduledRun();
        Instant now = Instant.now();
        List<Run> old = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            old.add(execution("SUCCEEDED", now.minus(Duration.ofDays(100))));
        }
        Run recent = execution("FAILED", now.minus(Duration.ofDays(1)));
        Run running = execution("RUNNING", null);
        List<String> oldChats = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            oldChats.add(session(now.minus(Duration.ofDays(40)), false));
        }
        String recentChat = session(now.minus(Duration.ofDays(2)), false);
        String busyChat = session(now.minus(Duration.ofDays(40)), true);
        String sha = text("SELECT output_sha256 FROM evidence WHERE id = ?", old.get(0).evidenceId());
        long headBefore = audit.head().seq();

        RetentionService.Pruned first = retention.pruneBatch();

        assertThat(first).as("one bounded batch").isEqualTo(new RetentionService.Pruned(2, 4, 2, 2, 4));
        assertThat(audit.head().seq()).as("one audit record for the batch").isEqualTo(headBefore + 1);
        JsonNode details = audit.find(headBefore + 1).orElseThrow().details();
        assertThat(audit.find(headBefore + 1).orElseThrow().action()).isEqualTo(RetentionService.ACTION);
        assertThat(details.path("eventLogs").asInt()).isEqualTo(2);
        assertThat(details.path("stepOutputs").asInt()).isEqualTo(2);
        assertThat(details.path("chatMessages").asInt()).isEqualTo(4);

        RetentionService.Pruned rest = retention.pruneAll(() -> false);
        assertThat(rest).isEqualTo(new RetentionService.Pruned(1, 2, 1, 1, 2));
        assertThat(retention.pruneAll(() -> false).any()).as("nothing left").isFalse();
        assertThat(audit.head().seq()).as("a run with nothing to prune writes no record").isEqualTo(headBefore + 2);
        assertThat(audit.verify().ok()).isTrue();

        for (Run r : old) {
            assertThat(types(r.executionId())).containsExactly(RetentionService.PRUNED_EVENT, "execution.finished");
            assertThat(text("SELECT excerpt FROM evidence WHERE id = ?", r.evidenceId())).isEmpty();
        }
        assertThat(text("SELECT output_sha256 FROM evidence WHERE id = ?", old.get(0).evidenceId()))
                .as("the hash stays").isEqualTo(sha);
        assertThat(types(recent.executionId())).hasSize(3);
        assertThat(types(running.executionId())).as("never a running execution's").hasSize(3);
        assertThat(text("SELECT excerpt FROM evidence WHERE id = ?", recent.evidenceId())).isEqualTo("output");
        assertThat(text("SELECT excerpt FROM evidence WHERE id = ?", running.evidenceId())).isEqualTo("output");
        for (String id : oldChats) {
            assertThat(count("SELECT COUNT(*) FROM chat_message WHERE session_id = ?", id)).isZero();
        }
        assertThat(count("SELECT COUNT(*) FROM chat_message WHERE session_id = ?", recentChat)).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM chat_message WHERE session_id = ?", busyChat)).isEqualTo(2);

        TestHttp http = new TestHttp(server.getURL());
        String admin = tokens.create(Actor.SYSTEM, "admin", List.of("admin")).token();
        TestHttp.Response evidence = http.get("/v1/evidence/" + old.get(0).evidenceId(), admin);
        assertThat(evidence.status()).as(evidence.body()).isEqualTo(200);
        assertThat(evidence.json().path("outputSha256").asText()).isEqualTo(sha);
        assertThat(evidence.json().path("excerpt").asText()).isEmpty();
        assertThat(evidence.json().path("outputPruned").path("by").asText()).isEqualTo("retention");
        assertThat(Instant.parse(evidence.json().path("outputPruned").path("at").asText())).isAfterOrEqualTo(now);
        assertThat(http.get("/v1/evidence/" + recent.evidenceId(), admin).json().has("outputPruned")).isFalse();
        TestHttp.Response log = http.get("/v1/executions/" + old.get(0).executionId() + "/event-log", admin);
        assertThat(log.json().get(0).path("type").asText()).as(log.body()).isEqualTo(RetentionService.PRUNED_EVENT);
        assertThat(log.json().get(0).path("data").path("by").asText()).isEqualTo("retention");
        assertThat(log.json().get(0).path("data").path("removedEvents").asInt()).isEqualTo(2);
        TestHttp.Response chat = http.get("/v1/sessions/" + oldChats.get(0), admin);
        assertThat(chat.status()).as(chat.body()).isEqualTo(200);
        assertThat(chat.json().path("messages")).isEmpty();
        assertThat(chat.json().path("messagesPruned").path("by").asText()).isEqualTo("retention");
    }

    /** The server's own first run (at start-up) is over, so it does not take this test's rows. */
    private void awaitFirstScheduledRun() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && count("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = ?"
                + " AND last_success IS NOT NULL", "retention-prune") == 0) {
            Thread.sleep(50);
        }
    }

    private Run execution(String status, Instant endedAt) {
        String plan = Ids.plan();
        String exe = Ids.execution();
        String step = Ids.stepRun();
        String evd = Ids.evidence();
        Instant started = endedAt == null ? Instant.now().minus(Duration.ofDays(100)) : endedAt.minusSeconds(60);
        tx.executeWrite(s -> {
            update("INSERT INTO plan (id, environment, summary, requester, status, fingerprint, requires_approval,"
                    + " break_glass, created_at, updated_at, version) VALUES (?,'dev','t','system','SUCCEEDED',?,FALSE,"
                    + "FALSE,?,?,0)", plan, "0".repeat(64), at(started), at(started));
            update("INSERT INTO execution (id, plan_id, environment, status, requested_by, cancel_requested, created_at,"
                    + " started_at, ended_at, version) VALUES (?,?,'dev',?,'system',FALSE,?,?,?,0)", exe, plan, status,
                    at(started), at(started), endedAt == null ? null : at(endedAt));
            update("INSERT INTO step_run (id, execution_id, seq, position, kind, tool, action, action_class, args_json,"
                    + " status, attempt) VALUES (?,?,0,0,'act','fake','get','READ','{}','SUCCEEDED',1)", step, exe);
            update("INSERT INTO evidence (id, execution_id, step_run_id, kind, tool, action, transport, command_json,"
                    + " outcome, started_at, ended_at, duration_ms, output_sha256, output_bytes, excerpt,"
                    + " excerpt_truncated, external_ids_json) VALUES (?,?,?,'act','fake','get','cli','[]','SUCCEEDED',"
                    + "?,?,60000,?,6,'output',FALSE,'{}')", evd, exe, step, at(started),
                    at(endedAt == null ? started : endedAt), "a".repeat(64));
            String[] types = {"execution.started", "step.output", "execution.finished"};
            for (int i = 0; i < types.length; i++) {
                update("INSERT INTO execution_event (execution_id, seq, type, at, data_json) VALUES (?,?,?,?,'{}')",
                        exe, (long) (i + 1), types[i], at(started));
            }
            return null;
        });
        return new Run(exe, evd);
    }

    private String session(Instant updatedAt, boolean busy) {
        String id = "ses_" + Long.toHexString(System.nanoTime());
        tx.executeWrite(s -> {
            update("INSERT INTO chat_session (id, environment, owner, owner_name, title, input_tokens, output_tokens,"
                    + " turn_id, turn_started_at, created_at, updated_at) VALUES (?,'dev','system','system','t',0,0,?,?,?,?)",
                    id, busy ? "turn1" : null, busy ? at(updatedAt) : null, at(updatedAt), at(updatedAt));
            for (int seq = 1; seq <= 2; seq++) {
                update("INSERT INTO chat_message (session_id, seq, role, content, created_at) VALUES (?,?,'user','hi',?)",
                        id, (long) seq, at(updatedAt));
            }
            return null;
        });
        return id;
    }

    private static OffsetDateTime at(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private void update(String sql, Object... args) {
        jdbc.prepareStatement(sql, ps -> {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        });
    }

    private List<String> types(String executionId) {
        return tx.executeRead(s -> jdbc.prepareStatement("SELECT type FROM execution_event WHERE execution_id = ?"
                + " ORDER BY seq", ps -> {
            ps.setString(1, executionId);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }));
    }

    private String text(String sql, String arg) {
        return tx.executeRead(s -> jdbc.prepareStatement(sql, ps -> {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }));
    }

    private long count(String sql, String arg) {
        return Long.parseLong(text(sql, arg));
    }
}
