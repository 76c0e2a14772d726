package io.carapulse.core.guard;

import static io.carapulse.core.support.People.ADA;
import static io.carapulse.core.support.People.ADRIAN;
import static io.carapulse.core.support.People.ALICE;
import static io.carapulse.core.support.People.BOB;
import static io.carapulse.core.support.People.OLIVER;
import static io.carapulse.core.support.Steps.act;
import static io.carapulse.core.support.Steps.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.dto.ApprovalDecisionRequest;
import io.carapulse.api.dto.StepSpec;
import io.carapulse.api.error.ProblemException;
import io.carapulse.core.approval.ApprovalService;
import io.carapulse.core.approval.ApprovalStatus;
import io.carapulse.api.dto.AuditEventView;
import io.carapulse.core.audit.AuditFilter;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.audit.Decision;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.execution.ExecutionEntity;
import io.carapulse.core.execution.ExecutionRepository;
import io.carapulse.core.execution.ExecutionService;
import io.carapulse.core.execution.ExecutionStatus;
import io.carapulse.core.execution.StepRunRepository;
import io.carapulse.core.execution.StepRunStatus;
import io.carapulse.core.plan.PlanEntity;
import io.carapulse.core.plan.PlanRepository;
import io.carapulse.core.plan.PlanService;
import io.carapulse.core.plan.PlanStatus;
import io.carapulse.core.support.TestClock;
import io.carapulse.testkit.fake.FakeWorld;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * An environment's guard rails (application-guard.yml): {@code windowed} takes writes 22:00–02:00 Berlin
 * time on weeknights, {@code frozen} is frozen for the year end, {@code limited} allows two steps that
 * write per plan and one write execution at a time. The clock is stopped at each edge.
 */
@MicronautTest(environments = {"test", "guard"}, transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
class GuardRailsTest {

    /** Monday 2026-03-02, 22:00 in Berlin (UTC+1): the window opens. */
    private static final Instant OPENS = Instant.parse("2026-03-02T21:00:00Z");
    /** Tuesday 02:00 in Berlin: the window closes. */
    private static final Instant CLOSES = Instant.parse("2026-03-03T01:00:00Z");
    private static final Instant FREEZE_FROM = Instant.parse("2026-12-20T00:00:00Z");
    private static final Instant FREEZE_TO = Instant.parse("2027-01-04T00:00:00Z");

    @Inject PlanService plans;
    @Inject PlanRepository planRows;
    @Inject ApprovalService approvals;
    @Inject ExecutionService executions;
    @Inject ExecutionRepository executionRows;
    @Inject StepRunRepository stepRuns;
    @Inject AuditService audit;
    @Inject FakeWorld world;
    @Inject TestClock clock;

    private final List<String> started = new ArrayList<>();

    @BeforeEach
    void seed() {
        world.reset();
        world.deploy("web", 2);
        world.deploy("api", 2);
    }

    @AfterEach
    void settle() throws InterruptedException {
        clock.reset();
        for (String id : started) {
            try {
                executions.cancel(ADA, id);
            } catch (RuntimeException endedMeanwhile) {
                // it ended on its own: nothing to cancel
            }
            executions.awaitSettled(id, Duration.ofSeconds(30));
        }
    }

    // maintenance windows

    @Test
    void shouldRefuseAWriteJustBeforeTheWindowOpens() {
        clock.stopAt(OPENS.minusSeconds(1));
        PlanEntity p = approvedWrite("windowed");

        assertRefused(p, "outside_maintenance_window", "0 0 22 * * MON-FRI for 4h (Europe/Berlin)",
                "the next opens at " + OPENS);
    }

    @Test
    void shouldStartAWriteTheMomentTheWindowOpens() {
        clock.stopAt(OPENS);
        PlanEntity p = approvedWrite("windowed");

        assertStarts(p);
    }

    @Test
    void shouldStartAWriteJustBeforeTheWindowCloses() {
        clock.stopAt(CLOSES.minusSeconds(1));
        PlanEntity p = approvedWrite("windowed");

        assertStarts(p);
    }

    @Test
    void shouldRefuseAWriteTheMomentTheWindowCloses() {
        clock.stopAt(CLOSES);
        PlanEntity p = approvedWrite("windowed");

        assertRefused(p, "outside_maintenance_window", "the next opens at 2026-03-03T21:00:00Z");
    }

    // freezes

    @Test
    void shouldStartAWriteJustBeforeTheFreeze() {
        clock.stopAt(FREEZE_FROM.minusSeconds(1));
        PlanEntity p = approvedWrite("frozen");

        assertStarts(p);
    }

    @Test
    void shouldRefuseAWriteFromTheFirstMomentOfTheFreezeSayingWhyAndUntilWhen() {
        clock.stopAt(FREEZE_FROM);
        PlanEntity p = approvedWrite("frozen");

        assertRefused(p, "change_freeze", "until " + FREEZE_TO, "year-end");
    }

    @Test
    void shouldRefuseAWriteInTheLastMomentOfTheFreeze() {
        clock.stopAt(FREEZE_TO.minusSeconds(1));
        PlanEntity p = approvedWrite("frozen");

        assertRefused(p, "change_freeze", "year-end");
    }

    @Test
    void shouldStartAWriteWhenTheFreezeEnds() {
        clock.stopAt(FREEZE_TO);
        PlanEntity p = approvedWrite("frozen");

        assertStarts(p);
    }

    // exemptions

    @Test
    void shouldLetABreakGlassPlanStartOutsideTheWindowAndDuringAFreeze() {
        clock.stopAt(FREEZE_FROM.plus(Duration.ofDays(1).plusHours(12))); // a Monday noon, frozen
        PlanEntity windowed = approvedBreakGlass("windowed");
        PlanEntity frozen = approvedBreakGlass("frozen");

        assertThat(start(ADA, windowed).status()).isEqualTo(ExecutionStatus.QUEUED);
        assertThat(start(ADA, frozen).status()).isEqualTo(ExecutionStatus.QUEUED);
    }

    @Test
    void shouldLetAPlanThatOnlyReadsStartOutsideTheWindowAndDuringAFreeze() {
        clock.stopAt(FREEZE_FROM.plus(Duration.ofDays(1).plusHours(12)));
        PlanEntity windowed = plans.create(OLIVER, plan("windowed", act("get", "name", "web")));
        PlanEntity frozen = plans.create(OLIVER, plan("frozen", act("get", "name", "web")));

        assertThat(start(OLIVER, windowed).status()).isEqualTo(ExecutionStatus.QUEUED);
        assertThat(start(OLIVER, frozen).status()).isEqualTo(ExecutionStatus.QUEUED);
    }

    // limits

    @Test
    void shouldRefuseAPlanWithMoreStepsThatWriteThanAllowedWhenItIsCreated() {
        long plansBefore = planRows.count();
        assertProblem(() -> plans.create(ALICE, plan("limited", act("scale", "name", "web", "replicas", 3),
                act("get", "name", "web"), act("scale", "name", "api", "replicas", 3),
                act("sleep", "millis", 1))), "too_many_write_steps", "3 steps that write", "at most 2");

        assertThat(planRows.count()).isEqualTo(plansBefore);
        assertThat(denials(ALICE, "plan.create", null)).anySatisfy(a -> {
            assertThat(a.reason()).isEqualTo("too_many_write_steps");
            assertThat(a.details().get("detail").asText()).contains("3 steps that write");
        });
        assertThat(plans.create(ALICE, plan("limited", act("scale", "name", "web", "replicas", 3),
                act("get", "name", "web"), act("get", "name", "api"), act("scale", "name", "api", "replicas", 3)))
                .status()).isEqualTo(PlanStatus.AWAITING_APPROVAL);
    }

    @Test
    void shouldRefuseAnEditThatAddsStepsThatWriteBeyondTheLimit() {
        PlanEntity p = plans.create(ALICE, plan("limited", act("scale", "name", "web", "replicas", 3)));

        assertProblem(() -> plans.replaceSteps(ALICE, p.id(), List.of(act("scale", "name", "web", "replicas", 3),
                act("scale", "name", "api", "replicas", 3), act("sleep", "millis", 1))), "too_many_write_steps");

        assertThat(plans.steps(p.id())).hasSize(1);
        assertThat(denials(ALICE, "plan.edit", p.id())).singleElement()
                .satisfies(a -> assertThat(a.reason()).isEqualTo("too_many_write_steps"));
    }

    @Test
    void shouldRefuseASecondWriteExecutionWhileOneIsRunningAndStartItWhenThatEnded() throws InterruptedException {
        PlanEntity running = approved("limited", act("sleep", "millis", 60_000));
        PlanEntity next = approvedWrite("limited");
        ExecutionEntity first = start(OLIVER, running);
        awaitStep(first.id(), StepRunStatus.RUNNING);

        assertRefused(next, "too_many_running_writes", "already has 1", "max-running-writes 1");
        PlanEntity reads = plans.create(OLIVER, plan("limited", act("get", "name", "web")));
        assertThat(start(OLIVER, reads).status()).as("reads are never held back").isEqualTo(ExecutionStatus.QUEUED);

        executions.cancel(OLIVER, first.id());
        assertThat(executions.awaitSettled(first.id(), Duration.ofSeconds(30)).status())
                .isEqualTo(ExecutionStatus.CANCELLED);
        assertStarts(next);
    }

    @Test
    void shouldStartOnlyOneOfTwoWritesStartedAtOnceWhenOneMayRun() throws Exception {
        PlanEntity a = approved("limited", act("sleep", "millis", 60_000));
        PlanEntity b = approved("limited", act("sleep", "millis", 60_000));
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (PlanEntity p : List.of(a, b)) {
                Callable<String> task = () -> {
                    go.await();
                    try {
                        return start(OLIVER, p).id();
                    } catch (ProblemException e) {
                        return e.code();
                    }
                };
                results.add(pool.submit(task));
            }
            go.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : results) {
                outcomes.add(f.get());
            }

            assertThat(outcomes).filteredOn(o -> o.startsWith("exe_")).hasSize(1);
            assertThat(outcomes).filteredOn(o -> o.equals("too_many_running_writes")).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    // helpers

    private PlanEntity approvedWrite(String environment) {
        return approved(environment, act("scale", "name", "web", "replicas", 3));
    }

    private PlanEntity approved(String environment, StepSpec... steps) {
        PlanEntity p = plans.create(ALICE, plan(environment, steps));
        approvals.decide(BOB, p.id(), new ApprovalDecisionRequest("approve", "fine", null, null));
        return p;
    }

    private PlanEntity approvedBreakGlass(String environment) {
        PlanEntity p = plans.create(ADA, plan(environment, act("patch", "name", "web", "replicas", 9)));
        approvals.decide(ADRIAN, p.id(), new ApprovalDecisionRequest("approve", "fine", "outage", null));
        return p;
    }

    private ExecutionEntity start(Actor actor, PlanEntity p) {
        ExecutionEntity e = executions.start(actor, p.id());
        synchronized (started) {
            started.add(e.id());
        }
        return e;
    }

    private void assertStarts(PlanEntity p) {
        ExecutionEntity e = start(OLIVER, p);
        assertThat(e.status()).isEqualTo(ExecutionStatus.QUEUED);
        assertThat(approvals.latest(p.id()).orElseThrow().consumedByExecution()).isEqualTo(e.id());
    }

    /** Refused with {@code code}, audited once with it, and nothing of an execution left behind. */
    private void assertRefused(PlanEntity p, String code, String... detail) {
        assertProblem(() -> executions.start(OLIVER, p.id()), code, detail);

        assertThat(executionRows.findByPlanId(p.id())).isEmpty();
        assertThat(plans.require(p.id()).status()).isEqualTo(PlanStatus.APPROVED);
        assertThat(approvals.latest(p.id()).orElseThrow().status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(denials(OLIVER, "plan.execute", p.id())).singleElement()
                .satisfies(a -> assertThat(a.reason()).isEqualTo(code));
    }

    private List<AuditEventView> denials(Actor actor, String action, String planId) {
        return audit.list(new AuditFilter(actor.id(), action, Decision.DENY, planId, null, null), 50).items();
    }

    private static void assertProblem(Runnable action, String code, String... detail) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            for (String d : detail) {
                assertThat(e.getMessage()).contains(d);
            }
        });
    }

    private void awaitStep(String executionId, StepRunStatus status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (stepRuns.findByExecutionIdOrderBySeq(executionId).get(0).status() == status) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("step 0 never became " + status);
    }
}
