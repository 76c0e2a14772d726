package io.carapulse.core.execution;

import static io.carapulse.core.support.People.ALICE;
import static io.carapulse.core.support.People.BOB;
import static io.carapulse.core.support.People.OLIVER;
import static io.carapulse.core.support.Steps.act;
import static io.carapulse.core.support.Steps.plan;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.dto.ApprovalDecisionRequest;
import io.carapulse.api.dto.ExecutionEventView;
import io.carapulse.api.dto.StepSpec;
import io.carapulse.api.redact.Redactor;
import io.carapulse.core.common.Json;
import io.carapulse.core.events.EventLog;
import io.carapulse.core.approval.ApprovalService;
import io.carapulse.core.plan.PlanEntity;
import io.carapulse.core.plan.PlanService;
import io.carapulse.testkit.fake.FakeWorld;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A step's output lines reach the event log complete, in order and before the step's end, although
 * they are written in batches off the threads that read them.
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
class StepOutputTest {

    @Inject PlanService plans;
    @Inject ApprovalService approvals;
    @Inject ExecutionService executions;
    @Inject EventLog events;
    @Inject FakeWorld world;
    @Inject TransactionOperations<Connection> tx;

    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void seed() {
        world.reset();
        world.deploy("web", 2);
    }

    @AfterEach
    void stop() {
        flusher.shutdownNow();
    }

    @Test
    void shouldWriteEveryLineOfAStepBetweenItsStartAndItsEndWithoutGaps() throws Exception {
        String id = run(act("echo", "text", "line", "lines", 300));

        List<ExecutionEventView> all = events.after(id, 0, 1000);

        assertThat(all).extracting(ExecutionEventView::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 304).boxed().toList());
        assertThat(all).extracting(ExecutionEventView::type).containsExactlyElementsOf(concat(
                List.of("execution.running", "step.started"), Collections.nCopies(300, "step.output"),
                List.of("step.finished", "execution.finished")));
    }

    @Test
    void shouldStreamALineWhileTheStepStillRuns() throws Exception {
        String id = start(act("sleep", "millis", 4000));
        try {
            ExecutionEventView line = awaitEvent(id, "step.output");

            assertThat(line.data().get("line").asText()).isEqualTo("slept 1s of 4000ms");
            assertThat(executions.require(id).status()).isEqualTo(ExecutionStatus.RUNNING);
        } finally {
            executions.cancel(OLIVER, id);
            executions.awaitSettled(id, Duration.ofSeconds(30));
        }
    }

    @Test
    void shouldKeepEachReadersOrderAndDropLinesAfterTheEnd() throws Exception {
        String id = run(act("get", "name", "web"));
        long last = events.lastSeq(id);
        RunState state = new RunState(id, "prod", "pln_test", "oidc:oliver", java.util.Optional.empty(), Redactor.patterns(),
                events, last);
        StepOutput output = new StepOutput(state, tx);
        flusher.scheduleWithFixedDelay(output::flush, 1, 1, TimeUnit.MILLISECONDS);
        int readers = 4;
        int lines = 250;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < readers; r++) {
            String reader = "r" + r;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < lines; i++) {
                    output.add(line(reader + ":" + i));
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        output.end(() -> tx.executeWrite(s -> {
            output.writeRest();
            state.event("step.finished", Json.object());
            return null;
        }));
        output.add(line("late"));
        output.flush();

        List<ExecutionEventView> written = events.after(id, last, 2000);
        assertThat(written).extracting(ExecutionEventView::seq).containsExactlyElementsOf(
                LongStream.rangeClosed(last + 1, last + readers * lines + 1).boxed().toList());
        assertThat(written.get(written.size() - 1).type()).isEqualTo("step.finished");
        List<String> text = written.subList(0, written.size() - 1).stream()
                .map(e -> e.data().get("line").asText()).toList();
        for (int r = 0; r < readers; r++) {
            String prefix = "r" + r + ":";
            assertThat(text.stream().filter(l -> l.startsWith(prefix)).toList()).containsExactlyElementsOf(
                    IntStream.range(0, lines).mapToObj(i -> prefix + i).toList());
        }
    }

    private String run(StepSpec step) throws InterruptedException {
        String id = start(step);
        assertThat(executions.awaitSettled(id, Duration.ofSeconds(30)).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        return id;
    }

    /** Starts a one-step plan, approved by a second person when the step writes (fake.sleep does). */
    private String start(StepSpec step) {
        PlanEntity p = plans.create(ALICE, plan("prod", step));
        if (p.requiresApproval()) {
            approvals.decide(BOB, p.id(), new ApprovalDecisionRequest("approve", "test", null, null));
        }
        return executions.start(OLIVER, p.id()).id();
    }

    private ExecutionEventView awaitEvent(String id, String type) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ExecutionEventView e : events.after(id, 0, 100)) {
                if (e.type().equals(type)) {
                    return e;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + type + " event in 30 s");
    }

    private static ObjectNode line(String text) {
        return Json.object().put("line", text);
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.addAll(c);
        return all;
    }
}
