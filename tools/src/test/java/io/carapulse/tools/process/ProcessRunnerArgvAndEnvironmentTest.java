package io.carapulse.tools.process;

import static io.carapulse.tools.process.Processes.SH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.redact.Redactor;
import io.carapulse.api.tool.ToolException;
import io.carapulse.testkit.cli.FakeBinary;
import io.carapulse.testkit.tool.ManualCancellation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a child sees: its argv exactly, a scrubbed environment, a private directory (S4, S5). */
class ProcessRunnerArgvAndEnvironmentTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    private final ProcessRunner runner = new ProcessRunner(Map.of("PATH", "/usr/bin:/bin"));

    @AfterEach
    void stop() {
        runner.close();
    }

    private ProcessOutcome run(ProcessSpec spec) {
        return runner.run(spec, Redactor.patterns(), LineSink.discard(), new ManualCancellation());
    }

    @Test
    void shouldPassEachArgumentAsExactlyOneUninterpretedArgument() throws Exception {
        FakeBinary fake = FakeBinary.builder(tmp, "kubectl").build();
        Path marker = tmp.resolve("pwned");
        List<String> args = List.of("with spaces", "\"double\" 'single'", "$(touch " + marker + ")",
                "; touch " + marker, "`touch " + marker + "`", "line1\nline2", "*", "$HOME", "", "-- --force");
        List<String> argv = new ArrayList<>(List.of(fake.path().toString()));
        argv.addAll(args);

        ProcessOutcome outcome = run(ProcessSpec.of(argv, TIMEOUT));

        assertThat(outcome.succeeded()).isTrue();
        assertThat(fake.recorded()).singleElement().satisfies(inv -> assertThat(inv.args()).isEqualTo(args));
        assertThat(marker).doesNotExist();
    }

    @Test
    void shouldStartFromAnEmptyEnvironmentWithOnlyTheAllowlistHomeAndTheLease() {
        FakeBinary fake = FakeBinary.builder(tmp, "aws").build();
        Map<String, String> parent = new HashMap<>();
        parent.put("PATH", "/usr/bin:/bin");
        parent.put("LANG", "C.UTF-8");
        parent.put("https_proxy", "http://proxy.internal:3128");
        parent.put("CARAPULSE_CANARY", "canary-parent-env-5b1e");
        parent.put("AWS_SECRET_ACCESS_KEY", "server-own-key-must-not-leak");
        parent.put("HOME", "/home/carapulse");
        ProcessRunner scrubbing = new ProcessRunner(parent);
        try {
            scrubbing.run(ProcessSpec.of(List.of(fake.path().toString()), TIMEOUT)
                            .withEnv(Map.of("AWS_PROFILE", "lease-profile")),
                    Redactor.patterns(), LineSink.discard(), new ManualCancellation());
        } finally {
            scrubbing.close();
        }

        FakeBinary.Invocation inv = fake.recorded().get(0);
        Map<String, String> env = new HashMap<>(inv.env());
        List.of("PWD", "OLDPWD", "SHLVL", "_").forEach(env::remove); // bash sets these itself
        String home = inv.cwd().toString();
        assertThat(env).isEqualTo(Map.of(
                "PATH", "/usr/bin:/bin",
                "LANG", "C.UTF-8",
                "https_proxy", "http://proxy.internal:3128",
                "HOME", home,
                "TMPDIR", home,
                "AWS_PROFILE", "lease-profile"));
    }

    @Test
    void shouldRunInAnOwnerOnlyDirectoryThatIsGoneAfterwards() {
        List<String> lines = new CopyOnWriteArrayList<>();
        ProcessOutcome outcome = runner.run(
                ProcessSpec.of(List.of(SH, "-c", "stat -c %a \"$PWD\"; pwd -P"), TIMEOUT),
                Redactor.patterns(), (source, line) -> lines.add(line), new ManualCancellation());

        assertThat(outcome.succeeded()).isTrue();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("700");
        assertThat(Path.of(lines.get(1))).doesNotExist();
    }

    @Test
    void shouldDeleteThePrivateDirectoryAlsoAfterATimeout() {
        List<String> lines = new CopyOnWriteArrayList<>();
        ProcessOutcome outcome = runner.run(
                ProcessSpec.of(List.of(SH, "-c", "pwd -P; touch cache-file; exec /bin/sleep 30"), Duration.ofMillis(700)),
                Redactor.patterns(), (source, line) -> lines.add(line), new ManualCancellation());

        assertThat(outcome.status()).isEqualTo(ProcessOutcome.Status.TIMED_OUT);
        assertThat(lines).hasSize(1);
        assertThat(Path.of(lines.get(0))).doesNotExist();
    }

    @Test
    void shouldLeaveAGivenWorkDirInPlace() throws Exception {
        Path work = Files.createDirectory(tmp.resolve("work"));

        ProcessOutcome outcome = run(ProcessSpec.of(List.of(SH, "-c", "echo kept > out.txt"), TIMEOUT).withWorkDir(work));

        assertThat(outcome.succeeded()).isTrue();
        assertThat(work.resolve("out.txt")).hasContent("kept");
    }

    @Test
    void shouldReportAMissingBinaryAsCliUnavailableNamingIt() {
        assertThatThrownBy(() -> run(ProcessSpec.of(List.of("/nonexistent/bin/kubectl", "get"), TIMEOUT)))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.code()).isEqualTo("cli_unavailable"))
                .hasMessage("cannot run /nonexistent/bin/kubectl: it does not exist");
    }

    @Test
    void shouldReportANonExecutableBinaryAsCliUnavailable() throws Exception {
        Path helm = Files.writeString(tmp.resolve("helm"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(helm, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> run(ProcessSpec.of(List.of(helm.toString()), TIMEOUT)))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.code()).isEqualTo("cli_unavailable"))
                .hasMessage("cannot run " + helm + ": it is not executable");
    }

    @Test
    void shouldNotStartAnythingWhenTheCallIsAlreadyCancelled() {
        FakeBinary fake = FakeBinary.builder(tmp, "helm").build();
        ManualCancellation cancelled = new ManualCancellation();
        cancelled.cancel();

        ProcessOutcome outcome = runner.run(ProcessSpec.of(List.of(fake.path().toString(), "rollback"), TIMEOUT),
                Redactor.patterns(), LineSink.discard(), cancelled);

        assertThat(outcome.status()).isEqualTo(ProcessOutcome.Status.CANCELLED);
        assertThat(outcome.exitCode()).isNull();
        assertThat(fake.recorded()).isEmpty();
    }

    @Test
    void shouldRefuseARelativeBinaryAnEmptyArgvAndNullArguments() {
        assertThatThrownBy(() -> ProcessSpec.of(List.of("kubectl"), TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute");
        assertThatThrownBy(() -> ProcessSpec.of(List.of(), TIMEOUT)).isInstanceOf(IllegalArgumentException.class);
        List<String> withNull = new ArrayList<>(List.of("/bin/echo"));
        withNull.add(null);
        assertThatThrownBy(() -> ProcessSpec.of(withNull, TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("argv[1] is null");
    }
}
