package io.carapulse.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.NullNode;
import io.carapulse.api.redact.Redactor;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.core.common.Json;
import io.carapulse.core.execution.StepKind;
import io.carapulse.core.execution.StepRunEntity;
import io.carapulse.core.execution.StepRunStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** S4 and S8: what a step run leaves behind, and that no secret is in it. */
class EvidenceFactoryTest {

    private static final String CANARY = "canary-7f3Kq9ZxW2";
    private static final Instant START = Instant.parse("2025-01-01T10:00:00Z");
    private static final Instant END = START.plusMillis(1234);
    private static final StepRunEntity RUN = new StepRunEntity("stp_1", "exe_1", 0, 0, StepKind.ACT, "kubectl",
            "scale", ActionClass.WRITE, "{}", StepRunStatus.RUNNING, 1, null, null, START, null, null, null);

    private static ToolResult cli(String output) {
        return new ToolResult(Transport.CLI, List.of("kubectl", "scale"), 0, null, output, NullNode.getInstance(), Map.of());
    }

    private static EvidenceEntity build(int excerptBytes, ToolResult result, Redactor redactor) {
        return new EvidenceFactory(excerptBytes).build(RUN, result, "succeeded", START, END, redactor);
    }

    @Test
    void shouldRecordTransportCommandStatusAndTiming() {
        EvidenceEntity e = build(8192, cli("deployment.apps/web scaled\n"), Redactor.patterns());

        assertThat(e.transport()).isEqualTo("cli");
        assertThat(e.commandJson()).isEqualTo("[\"kubectl\",\"scale\"]");
        assertThat(e.exitCode()).isZero();
        assertThat(e.httpStatus()).isNull();
        assertThat(e.durationMs()).isEqualTo(1234);
        assertThat(e.kind()).isEqualTo("act");
        assertThat(e.stepRunId()).isEqualTo("stp_1");
        assertThat(e.executionId()).isEqualTo("exe_1");
        assertThat(e.excerpt()).isEqualTo("deployment.apps/web scaled\n");
        assertThat(e.excerptTruncated()).isFalse();
        assertThat(e.id()).startsWith("evd_");
    }

    @Test
    void shouldCapTheExcerptAtTheConfiguredBytesAndSayItWasCut() {
        EvidenceEntity e = build(10, cli("0123456789ABCDEF"), Redactor.patterns());

        assertThat(e.excerpt()).isEqualTo("0123456789");
        assertThat(e.excerptTruncated()).isTrue();
        assertThat(e.outputBytes()).isEqualTo(16);
    }

    @Test
    void shouldNotCutAnOutputThatFitsExactly() {
        EvidenceEntity e = build(10, cli("0123456789"), Redactor.patterns());

        assertThat(e.excerpt()).isEqualTo("0123456789");
        assertThat(e.excerptTruncated()).isFalse();
    }

    @Test
    void shouldNeverSplitAMultiByteCharacter() {
        // "é" is 2 bytes, "€" 3 bytes, "😀" 4 bytes (a surrogate pair in Java)
        assertThat(build(5, cli("ééé"), Redactor.patterns()).excerpt()).isEqualTo("éé");
        assertThat(build(5, cli("€€"), Redactor.patterns()).excerpt()).isEqualTo("€");
        assertThat(build(7, cli("😀😀"), Redactor.patterns()).excerpt()).isEqualTo("😀");
        assertThat(build(3, cli("😀"), Redactor.patterns()).excerpt()).isEmpty();
    }

    @Test
    void shouldKeepEveryExcerptWithinTheCapInUtf8Bytes() {
        String output = "aé€😀".repeat(50);
        for (int cap = 0; cap < 40; cap++) {
            String excerpt = build(cap, cli(output), Redactor.patterns()).excerpt();

            assertThat(excerpt.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(cap);
            assertThat(output).startsWith(excerpt);
            assertThat(excerpt.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(cap - 4);
        }
    }

    @Test
    void shouldHashTheFullRedactedOutputNotTheRawOne() {
        String raw = "token: " + CANARY + "\n" + "x".repeat(100);
        Redactor redactor = Redactor.patterns().with(List.of(CANARY));

        EvidenceEntity e = build(10, cli(raw), redactor);

        String redacted = redactor.redact(raw);
        assertThat(e.outputSha256()).isEqualTo(Json.sha256Hex(redacted)).isNotEqualTo(Json.sha256Hex(raw));
        assertThat(e.outputBytes()).isEqualTo(redacted.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void shouldLeaveACanarySecretNowhereInTheEvidence() {
        Redactor redactor = Redactor.patterns().with(List.of(CANARY));
        ToolResult result = new ToolResult(Transport.HTTP,
                List.of("POST", "https://vault.example/v1/auth?token=" + CANARY),
                null, 200, "{\"auth\":\"" + CANARY + "\"}\n" + CANARY, NullNode.getInstance(),
                Map.of("requestId", "req-" + CANARY, "leaseId", CANARY));

        EvidenceEntity e = build(8192, result, redactor);

        assertThat(Json.write(e)).doesNotContain(CANARY);
        assertThat(e.commandJson()).contains("https://vault.example/v1/auth?token=" + Redactor.MASK);
        assertThat(e.externalIdsJson()).isEqualTo("{\"leaseId\":\"[REDACTED]\",\"requestId\":\"req-[REDACTED]\"}");
        assertThat(e.httpStatus()).isEqualTo(200);
        assertThat(e.transport()).isEqualTo("http");
    }

    @Test
    void shouldRedactPatternSecretsInTheCommand() {
        ToolResult result = new ToolResult(Transport.CLI,
                List.of("curl", "-H", "Authorization: Bearer abcdefgh12345678", "--password=hunter2hunter2"),
                7, null, "", NullNode.getInstance(), Map.of());

        EvidenceEntity e = build(8192, result, Redactor.patterns());

        assertThat(e.commandJson()).doesNotContain("abcdefgh12345678").doesNotContain("hunter2hunter2");
        assertThat(e.exitCode()).isEqualTo(7);
    }

    @Test
    void shouldKeepTheRunnersDigestOfOutputThatWasStoredCapped() {
        ToolResult capped = new ToolResult(Transport.CLI, List.of("kubectl", "logs"), 0, null, "first lines…",
                null, Map.of(), new ToolResult.OutputDigest("b".repeat(64), 5_000_000, true));
        EvidenceEntity e = build(8192, capped, Redactor.patterns());
        assertThat(e.outputSha256()).isEqualTo("b".repeat(64));
        assertThat(e.outputBytes()).isEqualTo(5_000_000);
        assertThat(e.excerptTruncated()).isTrue();
        assertThat(e.excerpt()).isEqualTo("first lines…");
    }

    @Test
    void shouldLeaveEvidenceWithTransportNoneWhenTheCallReturnedNothing() {
        EvidenceEntity e = new EvidenceFactory(8192).build(RUN, null, "timed_out", START, END, Redactor.patterns());

        assertThat(e.transport()).isEqualTo("none");
        assertThat(e.commandJson()).isEqualTo("[]");
        assertThat(e.exitCode()).isNull();
        assertThat(e.httpStatus()).isNull();
        assertThat(e.outputBytes()).isZero();
        assertThat(e.outputSha256()).isEqualTo(Json.sha256Hex(""));
        assertThat(e.excerpt()).isEmpty();
        assertThat(e.externalIdsJson()).isEqualTo("{}");
        assertThat(e.outcome()).isEqualTo("timed_out");
    }
}
