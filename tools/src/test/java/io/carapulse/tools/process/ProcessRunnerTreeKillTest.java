package io.carapulse.tools.process;

import static io.carapulse.tools.process.Processes.eventually;
import static io.carapulse.tools.process.Processes.isRunning;
import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.api.redact.Redactor;
import io.carapulse.testkit.cli.FakeBinary;
import io.carapulse.testkit.tool.ManualCancellation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A timeout or a cancellation kills the whole process tree, children included. */
class ProcessRunnerTreeKillTest {

    @TempDir
    Path tmp;

    private final ProcessRunner runner = new ProcessRunner(Map.of("PATH", "/usr/bin:/bin"));

    @AfterEach
    void stop() {
        runner.close();
    }

    @Test
    void shouldKillTheProcessAndTheChildItSpawnedWhenTheTimeoutPasses() {
        FakeBinary fake = FakeBinary.builder(tmp, "kubectl").stdout("waiting\n").spawnChild().build();

        ProcessOutcome outcome = runner.run(ProcessSpec.of(List.of(fake.path().toString()), Duration.ofSeconds(1)),
                Redactor.patterns(), LineSink.discard(), new ManualCancellation());

        assertThat(outcome.status()).isEqualTo(ProcessOutcome.Status.TIMED_OUT);
        assertThat(outcome.exitCode()).isNull();
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.stdout()).isEqualTo("waiting\n");
        assertThat(outcome.duration()).isLessThan(Duration.ofSeconds(10));
        assertThat(fake.childPids()).singleElement().satisfies(pid -> assertThat(isRunning(pid)).isFalse());
    }

    @Test
    void shouldKillTheTreeWithinTwoSecondsOfACancellation() throws Exception {
        FakeBinary fake = FakeBinary.builder(tmp, "argocd").spawnChild().build();
        ManualCancellation cancellation = new ManualCancellation();

        CompletableFuture<ProcessOutcome> running = CompletableFuture.supplyAsync(() -> runner.run(
                ProcessSpec.of(List.of(fake.path().toString(), "app", "sync"), Duration.ofSeconds(60)),
                Redactor.patterns(), LineSink.discard(), cancellation));
        assertThat(eventually(() -> !fake.childPids().isEmpty(), Duration.ofSeconds(10))).isTrue();
        long child = fake.childPids().get(0);
        assertThat(isRunning(child)).isTrue();

        long cancelledAt = System.nanoTime();
        cancellation.cancel();
        ProcessOutcome outcome = running.get(5, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - cancelledAt);

        assertThat(took).isLessThan(Duration.ofSeconds(2));
        assertThat(outcome.status()).isEqualTo(ProcessOutcome.Status.CANCELLED);
        assertThat(outcome.exitCode()).isNull();
        assertThat(isRunning(child)).isFalse();
    }

    @Test
    void shouldReportTheExitCodeOfAProcessThatFailsByItself() {
        FakeBinary fake = FakeBinary.builder(tmp, "helm").stderr("Error: release not found\n").exitCode(3).build();

        ProcessOutcome outcome = runner.run(ProcessSpec.of(List.of(fake.path().toString(), "status", "web"),
                Duration.ofSeconds(20)), Redactor.patterns(), LineSink.discard(), new ManualCancellation());

        assertThat(outcome.status()).isEqualTo(ProcessOutcome.Status.EXITED);
        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.stderr()).isEqualTo("Error: release not found\n");
        assertThat(outcome.argv()).containsExactly(fake.path().toString(), "status", "web");
    }
}
