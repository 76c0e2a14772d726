package io.carapulse.core.lifecycle;

import static io.carapulse.core.support.People.ADA;
import static io.carapulse.core.support.People.ADRIAN;
import static io.carapulse.core.support.People.ALICE;
import static io.carapulse.core.support.People.BOB;
import static io.carapulse.core.support.People.OLIVER;
import static io.carapulse.core.support.People.VERA;
import static io.carapulse.core.support.Steps.act;
import static io.carapulse.core.support.Steps.eq;
import static io.carapulse.core.support.Steps.plan;
import static io.carapulse.core.support.Steps.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.dto.ApprovalDecisionRequest;
import io.carapulse.api.error.ProblemException;
import io.carapulse.core.approval.ApprovalService;
import io.carapulse.core.audit.AuditFilter;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.audit.Decision;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.evidence.EvidenceRepository;
import io.carapulse.core.execution.ExecutionEntity;
import io.carapulse.core.execution.ExecutionService;
import io.carapulse.core.execution.ExecutionStatus;
import io.carapulse.core.execution.StepRunEntity;
import io.carapulse.core.execution.StepRunRepository;
import io.carapulse.core.execution.StepRunStatus;
import io.carapulse.core.plan.PlanEntity;
import io.carapulse.core.plan.PlanService;
import io.carapulse.core.plan.PlanStatus;
import io.carapulse.core.support.Steps;
import io.carapulse.core.support.TestClock;
import io.carapulse.testkit.fake.FakeWorld;
import io.carapulse.testkit.fake.JournalEntry;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle matrix of the spine (promises S2, S3, S7, S8, S10) driven through the services with
 * the testkit's fake tool. Each test names the promise it would catch breaking.
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
class LifecycleMatrixTest {

    @Inject PlanService plans;
    @Inject ApprovalService approvals;
    @Inject ExecutionService executions;
    @Inject StepRunRepository stepRuns;
    @Inject EvidenceRepository evidence;
    @Inject AuditService audit;
    @Inject FakeWorld world;
    @Inject TestClock clock;

    @BeforeEach
    void seed() {
        world.reset();
        world.deploy("web", 2);
        world.deploy("api", 5);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldRunReadOnlyPlanWithoutApproval() {
        PlanEntity p = plans.create(OLIVER, plan("prod", act("get", "name", "web")));
        assertThat(p.status()).isEqualTo(PlanStatus.READY);

        ExecutionEntity e = awaitEnd(executions.start(OLIVER, p.id()));

        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(plans.require(p.id()).status()).isEqualTo(PlanStatus.SUCCEEDED);
        assertThat(world.executions()).extracting(JournalEntry::qualifiedName).containsExactly("fake.get");
        assertThat(evidence.findByExecutionIdOrderByStartedAt(e.id())).singleElement()
                .satisfies(ev -> {
                    assertThat(ev.transport()).isEqualTo("local");
                    assertThat(ev.outputSha256()).hasSize(64);
                    assertThat(ev.outcome()).isEqualTo("SUCCEEDED");
                });
    }

    @Test
    void shouldRefuseWriteWithoutApprovalAndNeverCallTheAdapter() {
        PlanEntity p = plans.create(OLIVER, plan("prod", act("scale", "name", "web", "replicas", 3)));
        assertThat(p.status()).isEqualTo(PlanStatus.AWAITING_APPROVAL);

        assertProblem(() -> executions.start(OLIVER, p.id()), "approval_required");

        assertThat(world.journal()).isEmpty();
        assertThat(world.deployment("web").orElseThrow().replicas()).isEqualTo(2);
        assertThat(audit.list(new AuditFilter(OLIVER.id(), "plan.execute", Decision.DENY, p.id(), null, null), 10)
                .items()).singleElement().satisfies(a -> assertThat(a.reason()).isEqualTo("approval_required"));
    }

    @Test
    void shouldExecuteAfterAnotherPersonApproves() {
        PlanEntity p = plans.create(ALICE, plan("prod", act("scale", "name", "web", "replicas", 3)));
        approve(BOB, p, null);
        assertThat(plans.require(p.id()).status()).isEqualTo(PlanStatus.APPROVED);

        ExecutionEntity e = awaitEnd(executions.start(OLIVER, p.id()));

        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(world.deployment("web").orElseThrow().replicas()).isEqualTo(3);
        assertThat(approvals.latest(p.id()).orElseThrow().consumedByExecution()).isEqualTo(e.id());
        assertProblem(() -> executions.start(OLIVER, p.id()), "invalid_state");
    }

    @Test
    void shouldRefuseSelfApprovalWhereTheEnvironmentForbidsIt() {
        PlanEntity p = plans.create(ALICE, plan("prod", act("scale", "name", "web", "replicas", 3)));
        assertProblem(() -> approve(ALICE, p, null), "self_approval_forbidden");
        assertThat(plans.require(p.id()).status()).isEqualTo(PlanStatus.AWAITING_APPROVAL);
    }

    @Test
    void shouldAllowSelfApprovalInDev() {
        PlanEntity p = plans.create(ALICE, plan("dev", act("scale", "name", "web", "replicas", 4)));
        approve(ALICE, p, null);
        assertThat(awaitEnd(executions.start(ALICE, p.id())).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void shouldRefuseAViewerApproving() {
        PlanEntity p = plans.create(OLIVER, plan("prod", act("scale", "name", "web", "replicas", 3)));
        assertProblem(() -> approve(VERA, p, null), "forbidden");
        assertProblem(() -> plans.create(VERA, plan("prod", act("get", "name", "web"))), "forbidden");
    }

    @Test
    void shouldVoidTheApprovalWhenStepsAreEdited() {
        PlanEntity p = plans.create(OLIVER, plan("prod", act("scale", "name", "web", "replicas", 3)));
        String approvedFingerprint = p.fingerprint();
        approve(BOB, p, null);

        PlanEntity edited = plans.replaceSteps(OLIVER, p.id(), List.of(act("scale", "name", "web", "replicas", 30)));

        assertThat(edited.fingerprint()).isNotEqualTo(approvedFingerprint);
        assertThat(edited.status()).isEqualTo(PlanStatus.AWAITING_APPROVAL);
        assertProblem(() -> executions.start(OLIVER, p.id()), "approval_required");
        assertProblem(() -> approvals.decide(BOB, p.id(),
                new ApprovalDecisionRequest("approve", null, null, approvedFingerprint)), "fingerprint_mismatch");
        assertThat(world.journal()).isEmpty();
    }

    @Test
    void shouldRefuseAnExpiredApproval() {
        PlanEntity p = plans.create(OLIVER, plan("prod", act("scale", "name", "web", "replicas", 3)));
        approve(BOB, p, null);
        clock.advance(Duration.ofHours(2));

        assertProblem(() -> executions.start(OLIVER, p.id()), "approval_expired");
        assertThat(plans.require(p.id()).status()).isEqualTo(PlanStatus.EXPIRED);
        assertThat(world.journal()).isEmpty();
    }

    @Test
    void shouldRefuseARejectedPlan() {
        PlanEntity p = plans.create(OLIVER, plan("prod", act("scale", "name", "web", "replicas", 3)));
        approvals.decide(BOB, p.id(), new ApprovalDecisionRequest("reject", "not today", null, null));

        assertProblem(() -> executions.start(OLIVER, p.id()), "approval_rejected");
        assertThat(world.journal()).isEmpty();
    }

    @Test
    void shouldRequireAnAdminAndAReasonForBreakGlass() {
        PlanEntity p = plans.create(OLIVER, plan("prod", act("patch", "name", "web", "replicas", 9)));
        assertThat(p.breakGlass()).isTrue();

        assertProblem(() -> approve(BOB, p, "db is on fire"), "break_glass_required");
        assertProblem(() -> approve(ADA, p, null), "break_glass_required");
        assertProblem(() -> approve(ADA, p, "  "), "break_glass_required");
        approve(ADA, p, "db is on fire");
        assertProblem(() -> executions.start(OLIVER, p.id()), "break_glass_required");
        assertThat(world.journal()).isEmpty();

        assertThat(awaitEnd(executions.start(ADRIAN, p.id())).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(approvals.latest(p.id()).orElseThrow().breakGlassReason()).isEqualTo("db is on fire");
    }

    @Test
    void shouldRefuseBreakGlassWhereTheEnvironmentDoesNotAllowIt() {
        assertProblem(() -> plans.create(ADA, plan("staging", act("patch", "name", "web", "replicas", 9))),
                "break_glass_required");
    }

    @Test
    void shouldMakeOneExecutionOfTwoConcurrentStarts() throws Exception {
        PlanEntity p = plans.create(OLIVER, plan("prod", act("scale", "name", "web", "replicas", 3)));
        approve(BOB, p, null);
        CountDownLatch go = new CountDownLatch(1);
        Callable<String> start = () -> {
            go.await();
            try {
                return executions.start(OLIVER, p.id()).id();
            } catch (ProblemException e) {
                return e.code();
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> a = pool.submit(start);
            Future<String> b = pool.submit(start);
            go.countDown();
            List<String> results = List.of(a.get(), b.get());
            assertThat(results).filteredOn(r -> r.startsWith("exe_")).hasSize(1);
            assertThat(results).filteredOn(r -> r.equals("execution_in_progress")).hasSize(1);
            awaitEnd(executions.require(results.stream().filter(r -> r.startsWith("exe_")).findFirst().orElseThrow()));
        } finally {
            pool.shutdownNow();
        }
        assertThat(world.executions()).extracting(JournalEntry::qualifiedName).containsExactly("fake.scale");
    }

    @Test
    void shouldCancelTheInFlightCallAndSkipTheRest() {
        PlanEntity p = plans.create(ALICE, plan("prod", act("sleep", "millis", 60_000),
                act("scale", "name", "web", "replicas", 3)));
        approve(BOB, p, null);
        ExecutionEntity started = executions.start(OLIVER, p.id());
        awaitStep(started.id(), 0, StepRunStatus.RUNNING);
        long t0 = System.nanoTime();

        executions.cancel(OLIVER, started.id());
        ExecutionEntity e = awaitEnd(started);

        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
        assertThat(e.status()).isEqualTo(ExecutionStatus.CANCELLED);
        assertThat(runs(e)).extracting(StepRunEntity::status)
                .containsExactly(StepRunStatus.CANCELLED, StepRunStatus.SKIPPED);
        assertThat(world.executions()).extracting(JournalEntry::qualifiedName).containsExactly("fake.sleep");
        assertThat(plans.require(p.id()).status()).isEqualTo(PlanStatus.CANCELLED);
    }

    @Test
    void shouldRollBackCompletedActStepsInReverseWhenVerifyFails() {
        PlanEntity p = plans.create(ALICE, plan("prod",
                act("scale", "name", "web", "replicas", 3),
                act("scale", "name", "api", "replicas", 6),
                verify("get", eq("/replicas", 99), "name", "web")));
        approve(BOB, p, null);

        ExecutionEntity e = awaitEnd(executions.start(OLIVER, p.id()));

        assertThat(e.status()).isEqualTo(ExecutionStatus.ROLLED_BACK);
        assertThat(e.errorCode()).isEqualTo("assertion_failed");
        assertThat(world.executions()).extracting(j -> j.qualifiedName() + " " + j.args().get("name").asText()
                        + (j.args().has("replicas") ? "=" + j.args().get("replicas").asInt() : ""))
                .containsExactly("fake.scale web=3", "fake.scale api=6", "fake.get web",
                        "fake.scale api=5", "fake.scale web=2");
        assertThat(world.deployment("web").orElseThrow().replicas()).isEqualTo(2);
        assertThat(world.deployment("api").orElseThrow().replicas()).isEqualTo(5);
        List<StepRunEntity> rollbacks = runs(e).stream().filter(r -> r.kind().wire().equals("rollback")).toList();
        assertThat(rollbacks).hasSize(2).allMatch(r -> r.status() == StepRunStatus.SUCCEEDED);
        assertThat(evidence.findByExecutionIdOrderByStartedAt(e.id()))
                .filteredOn(ev -> ev.kind().equals("rollback")).hasSize(2);
        assertThat(plans.require(p.id()).status()).isEqualTo(PlanStatus.ROLLED_BACK);
    }

    @Test
    void shouldFailAndSkipTheRestWhenAnActStepFails() {
        PlanEntity p = plans.create(ALICE, plan("prod", act("fail", "message", "boom"),
                act("scale", "name", "web", "replicas", 3)));
        approve(BOB, p, null);

        ExecutionEntity e = awaitEnd(executions.start(OLIVER, p.id()));

        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(runs(e)).extracting(StepRunEntity::status).containsExactly(StepRunStatus.FAILED, StepRunStatus.SKIPPED);
        assertThat(evidence.findByExecutionIdOrderByStartedAt(e.id())).singleElement()
                .satisfies(ev -> assertThat(ev.exitCode()).isEqualTo(1));
    }

    @Test
    void shouldTimeOutAStepThatRunsPastItsTimeout() {
        PlanEntity p = plans.create(ALICE, new io.carapulse.api.dto.PlanCreateRequest("prod", "slow", List.of(
                new io.carapulse.api.dto.StepSpec("fake", "sleep", Steps.args("millis", 60_000), "act", null, 1))));
        approve(BOB, p, null);

        ExecutionEntity e = awaitEnd(executions.start(OLIVER, p.id()));

        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(runs(e)).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(StepRunStatus.TIMED_OUT));
    }

    private void approve(Actor who, PlanEntity p, String reason) {
        approvals.decide(who, p.id(), new ApprovalDecisionRequest("approve", "looks right", reason, null));
    }

    private List<StepRunEntity> runs(ExecutionEntity e) {
        return stepRuns.findByExecutionIdOrderBySeq(e.id());
    }

    private ExecutionEntity awaitEnd(ExecutionEntity started) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            ExecutionEntity e = executions.require(started.id());
            if (e.status().terminal() || e.status() == ExecutionStatus.HELD) {
                return e;
            }
            sleep();
        }
        throw new AssertionError("execution " + started.id() + " did not end: " + executions.require(started.id()));
    }

    private void awaitStep(String executionId, int seq, StepRunStatus status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (stepRuns.findByExecutionIdOrderBySeq(executionId).get(seq).status() == status) {
                return;
            }
            sleep();
        }
        throw new AssertionError("step " + seq + " never became " + status);
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static void assertProblem(Runnable action, String code) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }
}
