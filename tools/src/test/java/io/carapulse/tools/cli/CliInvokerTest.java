package io.carapulse.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.testkit.cli.FakeBinary;
import io.carapulse.testkit.tool.RecordingToolContext;
import io.carapulse.tools.lease.CredentialLease;
import io.carapulse.tools.process.ProcessOutcome;
import io.carapulse.tools.process.ProcessRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliInvokerTest {

    private static final String LEASED = "canary-lease-token-5e1d9c";

    private final ProcessRunner runner = new ProcessRunner(Map.of("PATH", "/usr/bin:/bin"));
    private final CliInvoker invoker = new CliInvoker(runner);

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        runner.close();
    }

    @Test
    void shouldRunTheBinaryWithTheLeaseAndStreamRedactedLines() {
        FakeBinary fake = FakeBinary.builder(dir, "tool").stdout("applied\ntoken=" + LEASED + "\n").build();
        RecordingToolContext ctx = RecordingToolContext.withTimeout(Duration.ofSeconds(20));
        try (CredentialLease lease = CredentialLease.open().putEnv("TOOL_TOKEN", LEASED)) {
            ProcessOutcome outcome = invoker.run(fake.path(), List.of("apply", "--name=web"), lease, ctx,
                    ExitMapper.plain());
            ToolResult result = CliInvoker.result(outcome, null, Map.of("revision", "3"));

            assertThat(fake.recorded()).singleElement().satisfies(i -> {
                assertThat(i.args()).containsExactly("apply", "--name=web");
                assertThat(i.env()).containsEntry("TOOL_TOKEN", LEASED);
            });
            assertThat(result.transport()).isEqualTo(Transport.CLI);
            assertThat(result.exitCode()).isZero();
            assertThat(result.externalIds()).containsEntry("revision", "3");
            assertThat(result.output()).contains("applied").doesNotContain(LEASED);
            assertThat(ctx.lines()).contains("applied").noneMatch(l -> l.contains(LEASED));
        }
    }

    @Test
    void shouldTurnANonZeroExitIntoTheMappedFailureWithEvidence() {
        FakeBinary fake = FakeBinary.builder(dir, "tool").stderr("Error from server (NotFound): web\n").exitCode(1)
                .build();
        ExitMapper mapper = (code, stderr) -> stderr.contains("NotFound") ? ToolFailure.NOT_FOUND : ToolFailure.TOOL_FAILED;
        try (CredentialLease lease = CredentialLease.open()) {
            assertThatThrownBy(() -> invoker.run(fake.path(), List.of("get"), lease,
                    RecordingToolContext.withTimeout(Duration.ofSeconds(20)), mapper))
                    .isInstanceOfSatisfying(ToolException.class, e -> {
                        assertThat(e.code()).isEqualTo("not_found");
                        assertThat(e.getMessage()).contains("exited 1").contains("NotFound");
                        assertThat(e.partial()).hasValueSatisfying(r -> {
                            assertThat(r.exitCode()).isEqualTo(1);
                            assertThat(r.output()).contains("[stderr]");
                        });
                    });
        }
    }

    @Test
    void shouldStopAtTheCallsDeadline() {
        FakeBinary fake = FakeBinary.builder(dir, "tool").sleep(Duration.ofSeconds(30)).build();
        try (CredentialLease lease = CredentialLease.open()) {
            assertThatThrownBy(() -> invoker.run(fake.path(), List.of(), lease,
                    RecordingToolContext.withTimeout(Duration.ofSeconds(1)), ExitMapper.plain()))
                    .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.code()).isEqualTo("timed_out"));
        }
    }

    @Test
    void shouldKeepTheDigestOfOutputStoredCapped() throws Exception {
        Path big = Files.writeString(dir.resolve("big.txt"), "x".repeat(100).concat("\n").repeat(20_000),
                StandardCharsets.UTF_8);
        ProcessOutcome outcome = invoker.run(Path.of("/bin/cat"), List.of(big.toString()), CredentialLease.open(),
                RecordingToolContext.withTimeout(Duration.ofSeconds(20)), ExitMapper.plain());
        ToolResult result = CliInvoker.result(outcome, null, Map.of());
        assertThat(outcome.stdoutTruncated()).isTrue();
        assertThat(result.digest()).isNotNull();
        assertThat(result.digest().bytes()).isGreaterThan(result.output().length());
    }
}
