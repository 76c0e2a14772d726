package io.carapulse.tools.process;

import static io.carapulse.tools.process.Processes.SH;
import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.api.redact.Redactor;
import io.carapulse.testkit.tool.ManualCancellation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Output is streamed as it comes, capped when stored, counted and hashed in full. */
class ProcessRunnerOutputTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final ProcessRunner runner = new ProcessRunner(Map.of("PATH", "/usr/bin:/bin"));

    @AfterEach
    void stop() {
        runner.close();
    }

    private ProcessOutcome run(ProcessSpec spec, LineSink sink) {
        return runner.run(spec, Redactor.patterns(), sink, new ManualCancellation());
    }

    @Test
    void shouldStoreOnlyTheCapButCountAndHashAllOfTheOutput() throws Exception {
        String script = "i=0; while [ $i -lt 1000 ]; do echo line-$i; i=$((i+1)); done";
        String full = IntStream.range(0, 1000).mapToObj(i -> "line-" + i + "\n").collect(Collectors.joining());
        byte[] fullBytes = full.getBytes(StandardCharsets.UTF_8);

        ProcessOutcome outcome = run(ProcessSpec.of(List.of(SH, "-c", script), TIMEOUT).withMaxStoredBytes(100),
                LineSink.discard());

        assertThat(outcome.stdout()).isEqualTo(full.substring(0, 100));
        assertThat(outcome.stdoutTruncated()).isTrue();
        assertThat(outcome.stdoutBytes()).isEqualTo(fullBytes.length);
        assertThat(outcome.stdoutSha256())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(fullBytes)));
        assertThat(outcome.stderrTruncated()).isFalse();
    }

    @Test
    void shouldHandEachLineToTheSinkBeforeTheProcessEnds() {
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        List<String> lines = new CopyOnWriteArrayList<>();

        ProcessOutcome outcome = run(ProcessSpec.of(List.of(SH, "-c", "echo first; sleep 1; echo second >&2"), TIMEOUT),
                (source, line) -> {
                    arrivals.add(System.nanoTime());
                    lines.add(source + ":" + line);
                });
        long returned = System.nanoTime();

        assertThat(outcome.succeeded()).isTrue();
        assertThat(lines).containsExactly("STDOUT:first", "STDERR:second");
        assertThat(Duration.ofNanos(returned - arrivals.get(0))).isGreaterThan(Duration.ofMillis(700));
        assertThat(Duration.ofNanos(arrivals.get(1) - arrivals.get(0))).isGreaterThan(Duration.ofMillis(700));
    }

    @Test
    void shouldDrainFiveMibOnEachStreamWithoutDeadlock() {
        long five = 5L * 1024 * 1024;
        // stderr first: a runner that read stdout to its end before stderr would hang on a full pipe
        String script = "yes err | head -c " + five + " >&2; yes out | head -c " + five;

        ProcessOutcome outcome = run(ProcessSpec.of(List.of(SH, "-c", script), TIMEOUT), LineSink.discard());

        assertThat(outcome.status()).isEqualTo(ProcessOutcome.Status.EXITED);
        assertThat(outcome.stdoutBytes()).isEqualTo(five);
        assertThat(outcome.stderrBytes()).isEqualTo(five);
        assertThat(outcome.stdout()).hasSize((int) ProcessSpec.DEFAULT_MAX_STORED_BYTES).startsWith("out\nout\n");
        assertThat(outcome.stdoutTruncated()).isTrue();
        assertThat(outcome.stderrTruncated()).isTrue();
    }

    @Test
    void shouldCutALineWithoutNewlinesInsteadOfBufferingItWhole() {
        String script = "head -c 1000000 /dev/zero | tr '\\000' a";
        List<Integer> lengths = new CopyOnWriteArrayList<>();

        ProcessOutcome outcome = run(ProcessSpec.of(List.of(SH, "-c", script), TIMEOUT),
                (source, line) -> lengths.add(line.length()));

        assertThat(outcome.succeeded()).isTrue();
        assertThat(lengths).allMatch(n -> n <= StreamCollector.MAX_LINE_CHARS);
        assertThat(lengths.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1_000_000);
    }

    @Test
    void shouldWriteTheGivenBytesToStandardInput() {
        ProcessOutcome outcome = run(ProcessSpec.of(List.of("/bin/cat"), TIMEOUT)
                .withStdin("apiVersion: v1\nkind: List\n".getBytes(StandardCharsets.UTF_8)), LineSink.discard());

        assertThat(outcome.stdout()).isEqualTo("apiVersion: v1\nkind: List\n");
    }
}
