package io.carapulse.core.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.testkit.db.PostgresFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two packaged servers on one PostgreSQL share a schedule that fires every second. One of them is
 * killed (SIGKILL) while it fires; the other carries on. Over every tick: no tick made two plans, no
 * plan exists without its tick's record, no tick was left half-handled, and the ticks the dead
 * replica was holding were handled by the misfire policy (run once) rather than lost.
 */
class ScheduleReplicasIT {

    @Test
    void shouldFireEachTickOnceAcrossReplicasWhenOneIsKilled() throws Exception {
        PostgresFixture.Database db = PostgresFixture.newDatabase();
        Map<String, String> env = Map.of("CARAPULSE_DB_URL", db.jdbcUrl(), "CARAPULSE_DB_USER", db.username(),
                "CARAPULSE_DB_PASSWORD", db.password());
        Path homeA = Files.createTempDirectory("carapulse-replica-a");
        Path homeB = Files.createTempDirectory("carapulse-replica-b");
        try (PackagedServer a = new PackagedServer(homeA).start(env); PackagedServer b = new PackagedServer(homeB).start(env)) {
            String admin = a.adminToken();
            String runbook = "{\"name\":\"tick-echo\",\"description\":\"echo a tick\",\"summary\":\"tick\","
                    + "\"steps\":[{\"tool\":\"fake\",\"action\":\"echo\",\"args\":{\"text\":\"tick\"}}]}";
            assertThat(a.call("POST", "/v1/runbooks", admin, runbook).statusCode()).isEqualTo(201);
            JsonNode schedule = b.json("POST", "/v1/schedules", admin, "{\"runbook\":\"tick-echo\",\"environment\":\"dev\","
                    + "\"cron\":\"* * * * * *\",\"timeZone\":\"UTC\",\"misfire\":\"run-once\"}");
            String id = schedule.get("id").asText();
            assertThat(id).as(schedule.toString()).startsWith("sch_");

            awaitFires(db, id, 6);
            Instant killedAt = Instant.now();
            a.kill();
            awaitFires(db, id, countFires(db, id) + 12);
            b.json("POST", "/v1/schedules/" + id + "/pause", admin, "");
            Thread.sleep(1500); // a tick being handled at the pause finishes

            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
                List<Instant> ticks = new ArrayList<>();
                int planned = 0;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT fire_time, outcome, plan_id FROM schedule_fire WHERE schedule_id = ? ORDER BY fire_time")) {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ticks.add(rs.getTimestamp(1).toInstant());
                            assertThat(rs.getString(2)).as("no tick left half-handled").isIn("planned", "skipped");
                            if (rs.getString(2).equals("planned")) {
                                planned++;
                                assertThat(rs.getString(3)).isNotNull();
                            }
                        }
                    }
                }
                assertThat(ticks).doesNotHaveDuplicates();
                assertThat(ticks).anyMatch(t -> t.isAfter(killedAt.plusSeconds(2))).as("the survivor kept firing");
                int plans = count(c, "SELECT COUNT(*) FROM plan_origin WHERE schedule_id = ?", id);
                int distinctPlans = count(c, "SELECT COUNT(DISTINCT plan_id) FROM schedule_fire WHERE schedule_id = ? AND plan_id IS NOT NULL", id);
                assertThat(plans).as("one plan per planned tick, none without its tick").isEqualTo(planned).isEqualTo(distinctPlans);
                // every gap between consecutive ticks is one second, except where the dead replica's
                // ticks were collapsed into one run by the misfire policy
                long gaps = 0;
                for (int i = 1; i < ticks.size(); i++) {
                    if (Duration.between(ticks.get(i - 1), ticks.get(i)).toMillis() > 1000) {
                        gaps++;
                    }
                }
                assertThat(gaps).as("ticks: " + ticks).isLessThanOrEqualTo(1);
            }
        }
    }

    private static void awaitFires(PostgresFixture.Database db, String id, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (countFires(db, id) >= count) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("schedule " + id + " fired " + countFires(db, id) + " times, not " + count);
    }

    private static int countFires(PostgresFixture.Database db, String id) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
            return count(c, "SELECT COUNT(*) FROM schedule_fire WHERE schedule_id = ?", id);
        }
    }

    private static int count(Connection c, String sql, String id) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
