package io.carapulse.core.benchmark;

import static io.carapulse.core.support.People.OLIVER;
import static io.carapulse.core.support.Steps.act;
import static io.carapulse.core.support.Steps.plan;
import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.core.audit.AuditEntry;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.execution.ExecutionEntity;
import io.carapulse.core.execution.ExecutionService;
import io.carapulse.core.plan.PlanEntity;
import io.carapulse.core.plan.PlanService;
import io.carapulse.testkit.fake.FakeWorld;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Throughput and latency of the spine's hot paths: audit appends (serialised by the chain head),
 * plan creation (validation, policy, plan, steps, audit in one transaction), chain verification,
 * and a read-only execution end to end through db-scheduler. Prints figures; asserts only that the
 * work happened. Not part of {@code ./mvnw verify}; run with the command in docs/performance.md.
 */
@Tag("benchmark")
abstract class SpineBenchmark {

    @Inject PlanService plans;
    @Inject ExecutionService executions;
    @Inject AuditService audit;
    @Inject FakeWorld world;
    @Inject TransactionOperations<Connection> tx;

    abstract String database();

    @Test
    void measure() throws Exception {
        world.reset();
        world.deploy("web", 2);
        warmUp();

        int appends = 2000;
        List<Long> auditNanos = time(appends, i -> tx.executeWrite(s ->
                audit.record(AuditEntry.allow(Actor.SYSTEM, "bench.append", "bench", Integer.toString(i)))));
        report("audit append (own transaction)", auditNanos);

        int creates = 500;
        List<Long> createNanos = time(creates, i -> plans.create(OLIVER, plan("prod", act("get", "name", "web"))));
        report("plan create, 1 read step", createNanos);

        long t0 = System.nanoTime();
        var verified = audit.verify();
        long verifyMillis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(verified.ok()).isTrue();
        System.out.printf(Locale.ROOT, "[%s] audit verify of %d records: %d ms%n", database(), verified.checked(),
                verifyMillis);

        int threads = 4;
        int perThread = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long c0 = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    plans.create(OLIVER, plan("prod", act("get", "name", "web")));
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - c0) / 1e9;
        System.out.printf(Locale.ROOT, "[%s] plan create, %d threads: %.0f plans/s%n", database(), threads,
                threads * perThread / seconds);

        int runs = 100;
        List<Long> execNanos = time(runs, i -> {
            PlanEntity p = plans.create(OLIVER, plan("prod", act("get", "name", "web")));
            ExecutionEntity e = executions.start(OLIVER, p.id());
            while (!executions.require(e.id()).status().terminal()) {
                Thread.onSpinWait();
            }
        });
        report("read-only execution, start to SUCCEEDED", execNanos);
    }

    private void warmUp() throws Exception {
        time(50, i -> plans.create(OLIVER, plan("prod", act("get", "name", "web"))));
    }

    interface Work {
        void run(int i) throws Exception;
    }

    private static List<Long> time(int n, Work work) throws Exception {
        List<Long> nanos = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            work.run(i);
            nanos.add(System.nanoTime() - t);
        }
        return nanos;
    }

    private void report(String what, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        double total = sorted.stream().mapToLong(Long::longValue).sum() / 1e9;
        System.out.printf(Locale.ROOT, "[%s] %s: n=%d, %.0f/s, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms%n", database(),
                what, sorted.size(), sorted.size() / total, ms(sorted, 0.50), ms(sorted, 0.95), ms(sorted, 0.99));
    }

    private static double ms(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }
}
