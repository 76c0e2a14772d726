package io.carapulse.core.execution;

import static io.carapulse.core.support.People.ALICE;
import static io.carapulse.core.support.People.BOB;
import static io.carapulse.core.support.People.OLIVER;
import static io.carapulse.core.support.Steps.act;
import static io.carapulse.core.support.Steps.plan;
import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.api.dto.ApprovalDecisionRequest;
import io.carapulse.api.dto.ExecutionEventView;
import io.carapulse.core.approval.ApprovalService;
import io.carapulse.core.events.EventFeed;
import io.carapulse.core.plan.PlanEntity;
import io.carapulse.core.plan.PlanService;
import io.carapulse.testkit.fake.FakeWorld;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/**
 * A replica told to stop drains (SIGTERM; the packaged-server proof stops a real process): it reports
 * not ready, the step running here finishes, the execution stops before its next step and is queued
 * again for another replica (not HELD, nothing run twice), and its live event streams end so their
 * clients resume elsewhere. Its own context: a drained scheduler claims nothing more.
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
class DrainTest {

    @Inject PlanService plans;
    @Inject ApprovalService approvals;
    @Inject ExecutionService executions;
    @Inject ExecutionRepository executionRows;
    @Inject StepRunRepository stepRuns;
    @Inject ExecutionScheduler scheduler;
    @Inject EventFeed feed;
    @Inject FakeWorld world;
    @Inject TransactionOperations<Connection> tx;
    @Inject @Client("/") HttpClient http;

    @Test
    void shouldFinishTheRunningStepThenHandTheRestOverWhenTheReplicaDrains() throws Exception {
        world.deploy("web", 2);
        assertThat(readiness()).isEqualTo(200);
        PlanEntity p = plans.create(ALICE, plan("prod", act("sleep", "millis", 1500), act("scale", "name", "web",
                "replicas", 4)));
        approvals.decide(BOB, p.id(), new ApprovalDecisionRequest("approve", null, null, null));
        String id = executions.start(OLIVER, p.id()).id();
        List<ExecutionEventView> followed = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> streamEnded = new CompletableFuture<>();
        Disposable follower = feed.follow(id, 0).subscribe(followed::add, streamEnded::completeExceptionally,
                () -> streamEnded.complete(null));
        await(() -> stepRuns.findByExecutionIdOrderBySeq(id).get(0).status() == StepRunStatus.RUNNING);

        CompletableFuture<Void> drained = scheduler.drain();

        assertThat(readiness()).as("not ready while draining").isEqualTo(503);
        assertThat(drained).as("the step in flight is still running").isNotDone();
        drained.get(10, TimeUnit.SECONDS);
        List<StepRunEntity> runs = stepRuns.findByExecutionIdOrderBySeq(id);
        assertThat(runs).extracting(StepRunEntity::status)
                .containsExactly(StepRunStatus.SUCCEEDED, StepRunStatus.PENDING);
        assertThat(executionRows.findById(id).orElseThrow().status()).isEqualTo(ExecutionStatus.RUNNING);
        await(() -> tx.executeRead(s -> scheduler.hasWork(id)));
        assertThat(world.executions()).as("the second step was left to another replica")
                .extracting(e -> e.action()).containsExactly("sleep");

        feed.release();
        streamEnded.get(5, TimeUnit.SECONDS);
        assertThat(followed).extracting(ExecutionEventView::type).doesNotContain("execution.finished", "execution.held");
        follower.dispose();
        Thread.sleep(1500); // two polls: a draining replica claims the queued run no more
        assertThat(stepRuns.findByExecutionIdOrderBySeq(id).get(1).status()).isEqualTo(StepRunStatus.PENDING);
    }

    private int readiness() {
        try {
            return http.toBlocking().exchange(HttpRequest.GET("/health/readiness")).code();
        } catch (HttpClientResponseException e) {
            return e.code();
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 15 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
