package io.carapulse.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.carapulse.core.audit.AuditFilter;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.audit.Decision;
import io.carapulse.core.common.Cursor;
import io.carapulse.core.common.FilteredQuery;
import io.carapulse.core.execution.ExecutionQueries;
import io.carapulse.core.execution.ExecutionStatus;
import io.carapulse.core.plan.PlanQueries;
import io.carapulse.core.plan.PlanStatus;
import io.carapulse.testkit.db.PostgresFixture;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lists stay O(page) as history grows, shown by PostgreSQL's own plans rather than by timing: with
 * 50,000 plans, executions and audit records (analysed), every list statement the server runs — first
 * page and a page after a cursor in the middle, unfiltered and with each filter — is a Limit over an
 * index scan that reads rows already in order: no Seq Scan, no Sort, no count (Aggregate).
 * docs/performance.md, "Lists as history grows", quotes this test.
 */
class PostgresListPlanTest {

    private static final int ROWS = 50_000;
    private static final int LIMIT = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Connection connection;

    @BeforeAll
    static void loadHistory() throws SQLException {
        PostgresFixture.Database db = PostgresFixture.newDatabase();
        Flyway.configure().dataSource(db.jdbcUrl(), db.username(), db.password())
                .locations("classpath:db/migration").load().migrate();
        connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
        try (Statement st = connection.createStatement()) {
            // three plans per second, so created_at has ties that only the id orders
            st.execute("INSERT INTO plan (id, environment, summary, requester, status, fingerprint,"
                    + " requires_approval, break_glass, created_at, updated_at, version)"
                    + " SELECT 'pln_' || lpad(g::text, 8, '0'), (ARRAY['prod','staging','dev'])[1 + g % 3],"
                    + " 'generated', 'oidc:user-' || (g % 200),"
                    + " (ARRAY['READY','AWAITING_APPROVAL','EXECUTING','SUCCEEDED','FAILED','CANCELLED'])[1 + g % 6],"
                    + " repeat('f', 64), false, false, " + at("g / 3") + ", " + at("g / 3") + ", 0"
                    + " FROM generate_series(1, " + ROWS + ") g");
            st.execute("INSERT INTO execution (id, plan_id, environment, status, requested_by, cancel_requested,"
                    + " created_at, version)"
                    + " SELECT 'exe_' || lpad(g::text, 8, '0'), 'pln_' || lpad(g::text, 8, '0'),"
                    + " (ARRAY['prod','staging','dev'])[1 + g % 3],"
                    + " (ARRAY['QUEUED','RUNNING','SUCCEEDED','FAILED','ROLLED_BACK'])[1 + g % 5],"
                    + " 'oidc:user-' || (g % 200), false, " + at("g / 3") + ", 0"
                    + " FROM generate_series(1, " + ROWS + ") g");
            st.execute("INSERT INTO audit_event (seq, at, actor, action, subject_type, subject_id, decision,"
                    + " details_json, prev_hash, hash)"
                    + " SELECT g, " + at("g") + ", 'oidc:user-' || (g % 200),"
                    + " (ARRAY['plan.create','approval.decide','plan.execute','token.create'])[1 + g % 4],"
                    + " 'plan', 'pln_' || lpad((g / 4)::text, 8, '0'),"
                    + " CASE WHEN g % 50 = 0 THEN 'DENY' ELSE 'ALLOW' END, '{}', repeat('0', 64), repeat('0', 64)"
                    + " FROM generate_series(1, " + ROWS + ") g");
            st.execute("ANALYZE");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    static Stream<Arguments> listStatements() {
        Cursor middle = new Cursor(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(ROWS / 6), "pln_00025000");
        Cursor middleRun = new Cursor(middle.at(), "exe_00025000");
        AuditFilter any = AuditFilter.any();
        return Stream.of(
                page("plans", PlanQueries.query(null, null, null, null), PlanQueries.ORDER),
                page("plans after a cursor", PlanQueries.query(null, null, null, middle), PlanQueries.ORDER),
                page("plans by status", PlanQueries.query(PlanStatus.FAILED, null, null, null), PlanQueries.ORDER),
                page("plans by status after a cursor", PlanQueries.query(PlanStatus.FAILED, null, null, middle),
                        PlanQueries.ORDER),
                page("plans by environment", PlanQueries.query(null, "staging", null, null), PlanQueries.ORDER),
                page("plans by environment after a cursor", PlanQueries.query(null, "staging", null, middle),
                        PlanQueries.ORDER),
                page("plans by requester", PlanQueries.query(null, null, "oidc:user-7", null), PlanQueries.ORDER),
                page("plans by requester after a cursor", PlanQueries.query(null, null, "oidc:user-7", middle),
                        PlanQueries.ORDER),
                page("plans by status and environment after a cursor",
                        PlanQueries.query(PlanStatus.READY, "prod", null, middle), PlanQueries.ORDER),
                page("executions", ExecutionQueries.query(null, null, null, null), ExecutionQueries.ORDER),
                page("executions after a cursor", ExecutionQueries.query(null, null, null, middleRun),
                        ExecutionQueries.ORDER),
                page("executions by status after a cursor",
                        ExecutionQueries.query(ExecutionStatus.FAILED, null, null, middleRun), ExecutionQueries.ORDER),
                page("executions by environment after a cursor",
                        ExecutionQueries.query(null, "dev", null, middleRun), ExecutionQueries.ORDER),
                page("audit", AuditService.query(any), AuditService.ORDER),
                page("audit before a seq", AuditService.query(before(any, 25_000L)), AuditService.ORDER),
                page("audit by actor before a seq", AuditService.query(before(
                        new AuditFilter("oidc:user-7", null, null, null, null, null), 25_000L)), AuditService.ORDER),
                page("audit by action", AuditService.query(
                        new AuditFilter(null, "plan.execute", null, null, null, null)), AuditService.ORDER),
                page("audit denials before a seq", AuditService.query(before(
                        new AuditFilter(null, null, Decision.DENY, null, null, null), 25_000L)), AuditService.ORDER),
                page("audit by subject", AuditService.query(
                        new AuditFilter(null, null, null, "pln_00001000", null, null)), AuditService.ORDER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listStatements")
    void shouldReadAPageFromAnIndexInOrderWithoutScanningSortingOrCounting(String sql, List<Object> params)
            throws Exception {
        JsonNode plan = explain(sql, params);
        List<String> nodes = new ArrayList<>();
        collect(plan, nodes);

        assertThat(plan.path("Node Type").asText()).as("%s%n%s", sql, plan.toPrettyString()).isEqualTo("Limit");
        assertThat(nodes).as("%s%n%s", sql, plan.toPrettyString())
                .anyMatch(n -> n.equals("Index Scan") || n.equals("Index Only Scan"))
                .doesNotContain("Seq Scan", "Sort", "Incremental Sort", "Aggregate", "Bitmap Heap Scan");
    }

    @Test
    void shouldFindAPlansExecutionByItsUniqueIndex() throws Exception {
        FilteredQuery query = ExecutionQueries.query(null, null, "pln_00000042", null);
        JsonNode plan = explain(query.sql(ExecutionQueries.ORDER), query.parameters(LIMIT));
        List<JsonNode> scans = new ArrayList<>();
        nodes(plan, scans);

        // a plan has at most one execution: sorting that one row is no cost that grows
        assertThat(scans).as(plan.toPrettyString()).noneMatch(n -> n.path("Node Type").asText().equals("Seq Scan"))
                .anyMatch(n -> n.path("Index Name").asText().equals("execution_plan_uq"));
        assertThat(plan.path("Plan Rows").asLong()).isEqualTo(1);
    }

    private static Arguments page(String name, FilteredQuery query, String order) {
        return Arguments.of(Named.of(name, query.sql(order)), query.parameters(LIMIT));
    }

    private static AuditFilter before(AuditFilter f, long seq) {
        return new AuditFilter(f.actor(), f.action(), f.decision(), f.subjectId(), f.from(), f.to(), seq);
    }

    private static String at(String seconds) {
        return "TIMESTAMPTZ '2026-01-01 00:00:00+00' + (" + seconds + ") * INTERVAL '1 second'";
    }

    private static JsonNode explain(String sql, List<Object> params) throws Exception {
        try (PreparedStatement ps = connection.prepareStatement("EXPLAIN (FORMAT JSON) " + sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return JSON.readTree(rs.getString(1)).get(0).get("Plan");
            }
        }
    }

    private static void collect(JsonNode node, List<String> types) {
        List<JsonNode> all = new ArrayList<>();
        nodes(node, all);
        all.forEach(n -> types.add(n.path("Node Type").asText()));
    }

    private static void nodes(JsonNode node, List<JsonNode> out) {
        out.add(node);
        for (JsonNode child : node.path("Plans")) {
            nodes(child, out);
        }
    }
}
