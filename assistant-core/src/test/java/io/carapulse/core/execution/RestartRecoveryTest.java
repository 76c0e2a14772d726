package io.carapulse.core.execution;

import static io.carapulse.core.support.People.ALICE;
import static io.carapulse.core.support.People.BOB;
import static io.carapulse.core.support.People.OLIVER;
import static io.carapulse.core.support.Steps.act;
import static io.carapulse.core.support.Steps.plan;
import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.api.dto.ApprovalDecisionRequest;
import io.carapulse.api.dto.HoldResolutionRequest;
import io.carapulse.core.approval.ApprovalEntity;
import io.carapulse.core.approval.ApprovalRepository;
import io.carapulse.core.approval.ApprovalService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.common.Ids;
import io.carapulse.core.common.Times;
import io.carapulse.core.events.EventLog;
import io.carapulse.core.plan.PlanEntity;
import io.carapulse.core.plan.PlanLifecycle;
import io.carapulse.core.plan.PlanService;
import io.carapulse.core.plan.PlanStatus;
import io.carapulse.core.plan.PlanStepEntity;
import io.carapulse.testkit.fake.FakeWorld;
import io.carapulse.testkit.fake.JournalEntry;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * S10: what a replica finds when it takes over an execution whose replica died. The dead replica's
 * state is written as it would have left it (the execution RUNNING, a step RUNNING); the real
 * scheduler and runner then pick it up. The packaged-server test kills a real process for the same.
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
class RestartRecoveryTest {

    @Inject PlanService plans;
    @Inject ApprovalService approvalService;
    @Inject ApprovalRepository approvals;
    @Inject PlanLifecycle planLifecycle;
    @Inject ExecutionRepository executions;
    @Inject StepRunRepository stepRuns;
    @Inject ExecutionService executionService;
    @Inject ExecutionScheduler scheduler;
    @Inject ExecutionRunner runner;
    @Inject EventLog events;
    @Inject FakeWorld world;
    @Inject Clock clock;
    @Inject TransactionOperations<Connection> tx;

    @BeforeEach
    void seed() {
        world.reset();
        world.deploy("web", 2);
    }

    @Test
    void shouldHoldAWriteFoundRunningInsteadOfRunningItAgain() {
        String id = crashedDuring(0, act("scale", "name", "web", "replicas", 3), act("get", "name", "web"));

        ExecutionEntity e = awaitSettled(id);

        assertThat(e.status()).isEqualTo(ExecutionStatus.HELD);
        assertThat(stepRuns.findByExecutionIdOrderBySeq(id)).extracting(StepRunEntity::status)
                .containsExactly(StepRunStatus.UNKNOWN, StepRunStatus.PENDING);
        assertThat(world.executions()).isEmpty();
        assertThat(events.after(id, 0, 100)).extracting(ev -> ev.type()).contains("execution.held");
    }

    @Test
    void shouldContinueAfterAPersonSaysTheWriteHappened() {
        String id = crashedDuring(0, act("scale", "name", "web", "replicas", 3), act("get", "name", "web"));
        awaitSettled(id);

        executionService.resolve(OLIVER, id, new HoldResolutionRequest("succeeded", "checked: web has 3 replicas"));
        ExecutionEntity e = awaitSettled(id);

        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(world.executions()).extracting(JournalEntry::qualifiedName).containsExactly("fake.get");
    }

    @Test
    void shouldFailWhenAPersonSaysTheWriteDidNotHappen() {
        String id = crashedDuring(0, act("scale", "name", "web", "replicas", 3), act("get", "name", "web"));
        awaitSettled(id);

        ExecutionEntity e = executionService.resolve(OLIVER, id, new HoldResolutionRequest("failed", "still 2"));

        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(plans.require(e.planId()).status()).isEqualTo(PlanStatus.FAILED);
        assertThat(world.executions()).isEmpty();
        var all = events.after(id, 0, 1000);
        assertThat(all.get(all.size() - 1).type()).as("followers see the end").isEqualTo(EventLog.EXECUTION_FINISHED);
        assertThat(all).extracting(v -> v.seq()).doesNotHaveDuplicates();
        assertThat(stepRuns.findByExecutionIdOrderBySeq(id)).extracting(StepRunEntity::status)
                .containsExactly(StepRunStatus.FAILED, StepRunStatus.SKIPPED);
    }

    @Test
    void shouldRunAgainAReadFoundRunning() {
        String id = crashedDuring(1, act("scale", "name", "web", "replicas", 3), act("get", "name", "web"));

        ExecutionEntity e = awaitSettled(id);

        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(world.executions()).extracting(JournalEntry::qualifiedName).containsExactly("fake.get");
        assertThat(stepRuns.findByExecutionIdOrderBySeq(id).get(1).attempt()).isEqualTo(2);
    }

    @Test
    void shouldHoldAWriteWhenTheRunnerGivesUpAfterRepeatedFailures() {
        String id = crashedDuring(0, act("scale", "name", "web", "replicas", 3), act("get", "name", "web"));
        awaitSettled(id);
        // the takeover above already held it; abandoning a held execution changes nothing
        runner.abandon(id, "boom");
        assertThat(executions.findById(id).orElseThrow().status()).isEqualTo(ExecutionStatus.HELD);
    }

    @Test
    void shouldFailAnExecutionTheRunnerGivesUpOnWhenNoWriteWasInFlight() {
        PlanEntity p = plans.create(OLIVER, plan("prod", act("get", "name", "web"), act("get", "name", "web")));
        String id = Ids.execution();
        tx.executeWrite(s -> {
            var now = Times.now(clock);
            executions.save(new ExecutionEntity(id, p.id(), "prod", null, ExecutionStatus.RUNNING, OLIVER.id(),
                    false, now, now, null, null, null, null));
            for (PlanStepEntity step : plans.steps(p.id())) {
                stepRuns.save(new StepRunEntity(Ids.stepRun(), id, step.position(), step.position(), StepKind.ACT,
                        step.tool(), step.action(), step.actionClass(), step.argsJson(),
                        step.position() == 0 ? StepRunStatus.RUNNING : StepRunStatus.PENDING,
                        step.position() == 0 ? 1 : 0, null, null, step.position() == 0 ? now : null, null, null, null));
            }
            planLifecycle.move(plans.require(p.id()), PlanStatus.EXECUTING, Actor.SYSTEM, "test");
            return null;
        });

        runner.abandon(id, "java.lang.IllegalStateException: boom password=hunter2hunter2");

        ExecutionEntity e = executions.findById(id).orElseThrow();
        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(e.errorCode()).isEqualTo("runner_error");
        assertThat(e.errorDetail()).doesNotContain("hunter2hunter2");
        assertThat(stepRuns.findByExecutionIdOrderBySeq(id)).extracting(StepRunEntity::status)
                .containsExactly(StepRunStatus.FAILED, StepRunStatus.SKIPPED);
        assertThat(plans.require(p.id()).status()).isEqualTo(PlanStatus.FAILED);
    }

    /**
     * Leaves the database as a replica that died while running step {@code runningSeq} would: earlier
     * steps SUCCEEDED, that one RUNNING, later ones PENDING, the task row queued for takeover.
     */
    private String crashedDuring(int runningSeq, io.carapulse.api.dto.StepSpec... steps) {
        PlanEntity p = plans.create(ALICE, plan("prod", steps));
        approvalService.decide(BOB, p.id(), new ApprovalDecisionRequest("approve", null, null, null));
        String id = Ids.execution();
        tx.executeWrite(s -> {
            var now = Times.now(clock);
            ApprovalEntity a = approvals.findFirstByPlanIdOrderByRequestedAtDesc(p.id()).orElseThrow();
            executions.save(new ExecutionEntity(id, p.id(), "prod", a.id(), ExecutionStatus.RUNNING, OLIVER.id(),
                    false, now, now, null, null, null, null));
            approvals.update(a.consumed(id, now));
            List<PlanStepEntity> planSteps = plans.steps(p.id());
            for (PlanStepEntity step : planSteps) {
                StepRunStatus status = step.position() < runningSeq ? StepRunStatus.SUCCEEDED
                        : step.position() == runningSeq ? StepRunStatus.RUNNING : StepRunStatus.PENDING;
                stepRuns.save(new StepRunEntity(Ids.stepRun(), id, step.position(), step.position(),
                        StepKind.ACT, step.tool(), step.action(), step.actionClass(), step.argsJson(), status,
                        status == StepRunStatus.PENDING ? 0 : 1, null, null,
                        status == StepRunStatus.PENDING ? null : now, null, null, null));
            }
            planLifecycle.move(plans.require(p.id()), PlanStatus.EXECUTING, Actor.SYSTEM, "crashed replica");
            scheduler.enqueue(id, "takeover");
            return null;
        });
        scheduler.nudge();
        return id;
    }

    private ExecutionEntity awaitSettled(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            ExecutionEntity e = executions.findById(id).orElseThrow();
            boolean queued = !tx.executeRead(s -> scheduler.hasWork(id));
            if ((e.status().terminal() || e.status() == ExecutionStatus.HELD) && queued) {
                return e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError(ex);
            }
        }
        throw new AssertionError("execution " + id + " did not settle");
    }
}
