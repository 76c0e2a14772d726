package io.carapulse.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.dto.AuditVerifyView;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.core.approval.ApprovalEntity;
import io.carapulse.core.approval.ApprovalRepository;
import io.carapulse.core.approval.ApprovalStatus;
import io.carapulse.core.audit.AuditEntry;
import io.carapulse.core.audit.AuditFilter;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.common.Ids;
import io.carapulse.core.common.Json;
import io.carapulse.core.common.Times;
import io.carapulse.core.events.EventLog;
import io.carapulse.core.evidence.EvidenceEntity;
import io.carapulse.core.evidence.EvidenceRepository;
import io.carapulse.core.execution.ExecutionEntity;
import io.carapulse.core.execution.ExecutionRepository;
import io.carapulse.core.execution.ExecutionStatus;
import io.carapulse.core.execution.StepKind;
import io.carapulse.core.execution.StepRunEntity;
import io.carapulse.core.execution.StepRunRepository;
import io.carapulse.core.execution.StepRunStatus;
import io.carapulse.core.plan.PlanEntity;
import io.carapulse.core.plan.PlanQueries;
import io.carapulse.core.plan.PlanRepository;
import io.carapulse.core.plan.PlanStatus;
import io.carapulse.core.plan.PlanStepEntity;
import io.carapulse.core.plan.PlanStepRepository;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Migrations and repositories, run against each database Carapulse supports: {@link H2PersistenceTest}
 * (the embedded default) and {@link PostgresPersistenceTest} (a real PostgreSQL).
 */
abstract class PersistenceContract {

    /** A W3C trace id, as a request with a {@code traceparent} gives an execution (V16). */
    private static final String CORRELATION = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Inject PlanRepository plans;
    @Inject PlanStepRepository steps;
    @Inject PlanQueries planQueries;
    @Inject ApprovalRepository approvals;
    @Inject ExecutionRepository executions;
    @Inject StepRunRepository stepRuns;
    @Inject EvidenceRepository evidence;
    @Inject EventLog events;
    @Inject AuditService audit;
    @Inject JdbcOperations jdbc;
    @Inject TransactionOperations<Connection> tx;
    @Inject Clock clock;
    @Inject io.carapulse.core.token.TokenService tokenService;
    @Inject io.carapulse.core.token.ApiTokenRepository tokenRepository;

    @Test
    void shouldApplyEveryMigration() {
        List<String> tables = tx.executeRead(s -> jdbc.prepareStatement(
                "SELECT LOWER(table_name) FROM information_schema.tables WHERE LOWER(table_name) IN "
                        + "('plan','plan_step','approval','execution','step_run','evidence','execution_event',"
                        + "'audit_event','audit_head','api_token','scheduled_tasks','flyway_schema_history')",
                ps -> {
                    List<String> out = new java.util.ArrayList<>();
                    try (var rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(rs.getString(1));
                        }
                    }
                    return out;
                }));
        assertThat(tables).contains("plan", "plan_step", "approval", "execution", "step_run", "evidence",
                "execution_event", "audit_event", "audit_head", "api_token", "scheduled_tasks");
    }

    @Test
    void shouldStoreAndReadBackAPlanWithItsSteps() {
        PlanEntity p = savePlan();
        steps.save(new PlanStepEntity(null, p.id(), 0, "act", "fake", "scale", ActionClass.WRITE,
                "{\"name\":\"web\",\"replicas\":3}", null, 30, null, null));
        steps.save(new PlanStepEntity(null, p.id(), 1, "verify", "fake", "get", ActionClass.READ,
                "{\"name\":\"web\"}", "{\"pointer\":\"/replicas\",\"op\":\"eq\",\"value\":3}", null, null, null));

        PlanEntity read = plans.findById(p.id()).orElseThrow();
        assertThat(read.createdAt()).isEqualTo(p.createdAt());
        assertThat(read.status()).isEqualTo(PlanStatus.AWAITING_APPROVAL);
        List<PlanStepEntity> readSteps = steps.findByPlanIdOrderByPosition(p.id());
        assertThat(readSteps).extracting(PlanStepEntity::action).containsExactly("scale", "get");
        assertThat(readSteps.get(1).toValidated().assertion().value().asInt()).isEqualTo(3);
        assertThat(planQueries.list(PlanStatus.AWAITING_APPROVAL, "prod", null, null, 10).items())
                .extracting(PlanEntity::id).contains(p.id());
    }

    @Test
    void shouldRefuseAStaleUpdate() {
        PlanEntity p = savePlan();
        plans.update(p.withStatus(PlanStatus.CANCELLED, Times.now(clock)));
        assertThatThrownBy(() -> plans.update(p.withStatus(PlanStatus.APPROVED, Times.now(clock))))
                .isInstanceOf(DataAccessException.class);
        assertThat(plans.findById(p.id()).orElseThrow().status()).isEqualTo(PlanStatus.CANCELLED);
    }

    @Test
    void shouldAllowOneExecutionPerPlan() {
        PlanEntity p = savePlan();
        Instant now = Times.now(clock);
        executions.save(execution(p, now));
        assertThatThrownBy(() -> executions.save(execution(p, now))).isInstanceOf(DataAccessException.class);
    }

    @Test
    void shouldStoreApprovalsStepRunsAndEvidence() {
        PlanEntity p = savePlan();
        Instant now = Times.now(clock);
        ApprovalEntity a = approvals.save(new ApprovalEntity(Ids.approval(), p.id(), "prod", p.fingerprint(), "local",
                ApprovalStatus.PENDING, "oidc:alice", now, now.plusSeconds(3600), null, null, null, null, null, null,
                null));
        assertThat(approvals.findFirstByPlanIdOrderByRequestedAtDesc(p.id())).contains(a);
        assertThat(approvals.findOpenExpiredBefore(now.plusSeconds(7200))).extracting(ApprovalEntity::id)
                .contains(a.id());
        ExecutionEntity e = executions.save(execution(p, now));
        StepRunEntity run = stepRuns.save(new StepRunEntity(Ids.stepRun(), e.id(), 0, 0, StepKind.ACT, "fake", "scale",
                ActionClass.WRITE, "{}", StepRunStatus.PENDING, 0, null, null, null, null, null, null));
        StepRunEntity running = stepRuns.update(run.running(now, "{\"tool\":\"fake\"}"));
        assertThat(stepRuns.findByExecutionIdOrderBySeq(e.id())).singleElement()
                .satisfies(r -> assertThat(r.inverseJson()).isEqualTo("{\"tool\":\"fake\"}"));
        evidence.save(new EvidenceEntity(Ids.evidence(), e.id(), running.id(), "act", "fake", "scale", "cli",
                "[\"kubectl\",\"scale\"]", 0, null, "SUCCEEDED", now, now.plusMillis(5), 5, "0".repeat(64), 10,
                "excerpt", false, "{\"resourceVersion\":\"7\"}", null, e.correlationId()));
        assertThat(evidence.findByExecutionIdOrderByStartedAt(e.id())).singleElement()
                .satisfies(ev -> assertThat(ev.externalIdsJson()).contains("resourceVersion"))
                .satisfies(ev -> assertThat(ev.correlationId()).isEqualTo(CORRELATION));
        assertThat(executions.findById(e.id()).orElseThrow().correlationId()).isEqualTo(CORRELATION);
    }

    @Test
    void shouldStreamEventsInOrder() {
        PlanEntity p = savePlan();
        ExecutionEntity e = executions.save(execution(p, Times.now(clock)));
        tx.executeWrite(s -> {
            for (int i = 1; i <= 3; i++) {
                events.append(e.id(), i, "step.output", Json.object().put("line", "line " + i));
            }
            return null;
        });
        assertThat(events.lastSeq(e.id())).isEqualTo(3);
        assertThat(events.after(e.id(), 1, 10)).extracting(v -> v.data().get("line").asText())
                .containsExactly("line 2", "line 3");
    }

    @Test
    void shouldDetectATamperedAuditRecord() {
        long first = tx.executeWrite(s -> audit.record(AuditEntry.allow(Actor.SYSTEM, "test.one", "test", "1")));
        tx.executeWrite(s -> audit.record(AuditEntry.allow(Actor.SYSTEM, "test.two", "test", "2")));
        audit.recordDenial(AuditEntry.deny(Actor.SYSTEM, "test.three", "test", "3", "forbidden"));
        assertThat(audit.verify().ok()).isTrue();
        assertThat(audit.list(AuditFilter.any(), 10).items()).extracting(v -> v.action())
                .startsWith("test.three", "test.two", "test.one");

        tx.executeWrite(s -> jdbc.prepareStatement("UPDATE audit_event SET decision = 'DENY' WHERE seq = ?", ps -> {
            ps.setLong(1, first);
            return ps.executeUpdate();
        }));

        AuditVerifyView v = audit.verify();
        assertThat(v.ok()).isFalse();
        assertThat(v.firstBrokenSeq()).isEqualTo(first);

        tx.executeWrite(s -> jdbc.prepareStatement("UPDATE audit_event SET decision = 'ALLOW' WHERE seq = ?", ps -> {
            ps.setLong(1, first);
            return ps.executeUpdate();
        }));
        assertThat(audit.verify().ok()).as("restoring the record restores the chain").isTrue();
    }

    @Test
    void shouldDetectAuditRecordsRemovedFromTheEnd() {
        tx.executeWrite(s -> audit.record(AuditEntry.allow(Actor.SYSTEM, "test.a", "test", null)));
        long last = tx.executeWrite(s -> audit.record(AuditEntry.allow(Actor.SYSTEM, "test.b", "test", null)));
        tx.executeWrite(s -> jdbc.prepareStatement("DELETE FROM audit_event WHERE seq = ?", ps -> {
            ps.setLong(1, last);
            return ps.executeUpdate();
        }));
        AuditVerifyView v = audit.verify();
        assertThat(v.ok()).isFalse();
        assertThat(v.detail()).contains("removed");

        // put the head back on the last remaining record so the other tests see an intact chain
        tx.executeWrite(s -> jdbc.prepareStatement("UPDATE audit_head SET last_seq = ?, last_hash = "
                + "(SELECT hash FROM audit_event WHERE seq = ?) WHERE id = 1", ps -> {
            ps.setLong(1, last - 1);
            ps.setLong(2, last - 1);
            return ps.executeUpdate();
        }));
        assertThat(audit.verify().ok()).isTrue();
    }

    @Test
    void shouldRollBackAuditWithTheStateChangeItRecords() {
        var before = audit.list(AuditFilter.any(), 1).items();
        assertThatThrownBy(() -> tx.executeWrite(s -> {
            plans.save(new PlanEntity(Ids.plan(), "prod", "doomed", "oidc:alice", PlanStatus.READY, "f".repeat(64),
                    false, false, Times.now(clock), Times.now(clock), null));
            audit.record(AuditEntry.allow(Actor.SYSTEM, "plan.create", "plan", null));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(audit.list(AuditFilter.any(), 1).items()).isEqualTo(before);
        assertThat(audit.verify().ok()).isTrue();
    }

    @Test
    void shouldStoreTokensHashedAndFindThemByTheirSecret() {
        var created = tokenService.create(Actor.SYSTEM, "persistence-probe", List.of("viewer"));
        assertThat(tokenService.authenticate(created.token())).hasValueSatisfying(a ->
                assertThat(a.id()).isEqualTo("token:" + created.id()));
        assertThat(tokenRepository.findById(created.id()).orElseThrow().lastUsedAt()).isNotNull();
        tokenService.revoke(Actor.SYSTEM, created.id());
        assertThat(tokenService.authenticate(created.token())).isEmpty();
    }

    private PlanEntity savePlan() {
        Instant now = Times.now(clock);
        return plans.save(new PlanEntity(Ids.plan(), "prod", "scale web", "oidc:alice", PlanStatus.AWAITING_APPROVAL,
                "a".repeat(64), true, false, now, now, null));
    }

    private static ExecutionEntity execution(PlanEntity p, Instant now) {
        return new ExecutionEntity(Ids.execution(), p.id(), p.environment(), null, ExecutionStatus.QUEUED,
                "oidc:bob", false, now, null, null, null, null, CORRELATION, null);
    }
}
