package io.carapulse.core.benchmark;

import static io.carapulse.core.support.People.OLIVER;
import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.api.dto.PlanCreateRequest;
import io.carapulse.api.dto.StepSpec;
import io.carapulse.core.common.Json;
import io.carapulse.core.execution.ExecutionEntity;
import io.carapulse.core.execution.ExecutionService;
import io.carapulse.core.execution.ExecutionStatus;
import io.carapulse.core.plan.PlanEntity;
import io.carapulse.core.plan.PlanService;
import io.carapulse.testkit.cli.FakeBinary;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * What the tool runtime costs on top of the CLI it runs: a ~20 ms CLI (a recording fake {@code argocd}
 * that sleeps 20 ms and prints an application) spawned directly with {@link ProcessBuilder}, against
 * the same CLI as one READ step of a plan (validation, policy, audit, queueing through db-scheduler,
 * lease, process runner, redaction, evidence and events written to the database). Prints figures; run
 * with the command in docs/performance.md. Runs alternate (direct, then through the runtime) so a
 * change in the machine's load hits both; {@code -Dcarapulse.bench.warmup} and
 * {@code -Dcarapulse.bench.runs} change the counts.
 */
@Tag("benchmark")
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ToolRuntimeBenchmark implements TestPropertyProvider {

    private static final String APP = "{\"metadata\":{\"name\":\"web\",\"namespace\":\"argocd\"},"
            + "\"spec\":{\"project\":\"web\"},\"status\":{\"sync\":{\"status\":\"Synced\",\"revision\":\"4f1c2e\"},"
            + "\"health\":{\"status\":\"Healthy\"},\"history\":[{\"id\":7,\"revision\":\"4f1c2e\"}]}}";

    @Inject PlanService plans;
    @Inject ExecutionService executions;

    private Path fakeDir;
    private FakeBinary argocd;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path dir = Files.createTempDirectory("carapulse-bench-argocd");
            fakeDir = dir;
            argocd = FakeBinary.builder(dir, "argocd").stdout(APP).sleep(Duration.ofMillis(20)).build();
            Path token = Files.writeString(dir.resolve("token"), "bench-token-not-a-secret");
            Map<String, String> properties = new HashMap<>(databaseProperties());
            properties.putAll(Map.of(
                    "carapulse.environments.prod.argocd.server", "argocd.example.com:443",
                    "carapulse.environments.prod.argocd.token", "file:" + token,
                    "carapulse.environments.prod.argocd.projects", "web",
                    "carapulse.tools.argocd.binary", argocd.path().toString(),
                    "carapulse.tools.argocd.transport", "cli"));
            return properties;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fake records every call it gets: thousands of small files. */
    @AfterAll
    void removeTheFake() throws IOException {
        if (fakeDir != null) {
            try (Stream<Path> all = Files.walk(fakeDir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The database: the test environment's in-memory H2 unless a subclass says otherwise. */
    Map<String, String> databaseProperties() {
        return Map.of();
    }

    String database() {
        return "h2-mem";
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES) // longer warm-ups than the tests' default allows
    void measure() throws Exception {
        // code run once per execution is compiled by C2 only after thousands of executions: the runtime's
        // path gets faster up to ~4,000 runs (docs/performance.md); 2,000 is most of the way in ~3 minutes
        int warmUp = Integer.getInteger("carapulse.bench.warmup", 2000);
        int n = Integer.getInteger("carapulse.bench.runs", 200);
        System.out.printf(Locale.ROOT, "[runtime] %s, %d runs after %d warm-up runs; load average before: %s%n",
                database(), n, warmUp, loadAverage());
        for (int i = 0; i < warmUp; i++) {
            direct();
            throughRuntime(null);
        }
        List<Long> direct = new ArrayList<>();
        List<Long> step = new ArrayList<>();
        List<Long> execution = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            direct();
            direct.add(System.nanoTime() - t0);
            long[] executionNanos = new long[1];
            long t1 = System.nanoTime();
            throughRuntime(executionNanos);
            step.add(System.nanoTime() - t1);
            execution.add(executionNanos[0]);
        }
        double base = median(direct);
        report("direct ProcessBuilder spawn", direct, base);
        report("plan create + execute, 1 CLI step", step, base);
        report("execute only (start → SUCCEEDED)", execution, base);
        List<Long> paired = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            paired.add(execution.get(i) - direct.get(i));
        }
        System.out.printf(Locale.ROOT, "[runtime] execute only minus the direct run just before it: p50 %.2f ms%n",
                median(paired));
        System.out.printf(Locale.ROOT, "[runtime] load average after: %s%n", loadAverage());
    }

    private void direct() throws Exception {
        Process p = new ProcessBuilder(argocd.path().toString(), "app", "get", "web", "-o", "json")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
    }

    private void throughRuntime(long[] executionNanos) throws InterruptedException {
        StepSpec get = new StepSpec("argocd", "app-get", (com.fasterxml.jackson.databind.node.ObjectNode)
                Json.read("{\"app\":\"web\"}"), "act", null, null);
        PlanEntity p = plans.create(OLIVER, new PlanCreateRequest("prod", "bench", List.of(get)));
        long t = System.nanoTime();
        ExecutionEntity e = executions.start(OLIVER, p.id());
        // woken when the runner commits the end, as a caller on this replica is
        ExecutionStatus status = executions.awaitSettled(e.id(), Duration.ofSeconds(30)).status();
        if (executionNanos != null) {
            executionNanos[0] = System.nanoTime() - t;
        }
        assertThat(status).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static double median(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2) / 1e6;
    }

    private static void report(String what, List<Long> nanos, double baseMedian) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        double p50 = sorted.get(sorted.size() / 2) / 1e6;
        double p95 = sorted.get((int) Math.ceil(0.95 * sorted.size()) - 1) / 1e6;
        System.out.printf(Locale.ROOT, "[runtime] %s: n=%d, p50 %.2f ms, p95 %.2f ms, overhead %.2f ms, ratio %.2f%n",
                what, sorted.size(), p50, p95, p50 - baseMedian, p50 / baseMedian);
    }
}
