package io.carapulse.tools.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.api.redact.Redactor;
import io.carapulse.testkit.tool.ManualCancellation;
import io.carapulse.tools.process.ProcessOutcome;
import io.carapulse.tools.process.ProcessRunner;
import io.carapulse.tools.process.ProcessSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** S4 with canaries: a lease secret the child prints never reaches lines, stored output or argv. */
class LeaseCanaryTest {

    private static final String CANARY = "canary-secret-4e7d0b19";
    private static final String FILE_CANARY = "canary-file-91c2e8aa";
    private static final String PEM = """
            -----BEGIN PRIVATE KEY-----
            MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7canary
            c2VjcmV0LWtleS1tYXRlcmlhbC1zcGxpdC1hY3Jvc3MtbGluZXM=
            -----END PRIVATE KEY-----
            """;

    private final ProcessRunner runner = new ProcessRunner(Map.of("PATH", "/usr/bin:/bin"));

    @AfterEach
    void stop() {
        runner.close();
    }

    @Test
    void shouldMaskEveryFormOfTheLeaseSecretsTheChildPrints() {
        String script = String.join("\n",
                "echo \"token is $CANARY_TOKEN\"",
                "echo \"$CANARY_TOKEN\" >&2",
                "printf %s \"$CANARY_TOKEN\" | base64",
                "echo \"first argument: $1\"",
                "cat \"$CREDS\"",
                "cat \"$KEY\"");
        List<String> lines = new CopyOnWriteArrayList<>();
        ProcessOutcome outcome;
        try (CredentialLease lease = CredentialLease.open()) {
            lease.putEnv("CANARY_TOKEN", CANARY);
            Path creds = lease.write("credentials", (FILE_CANARY + "\n").getBytes(StandardCharsets.UTF_8));
            Path key = lease.write("client.key", PEM.getBytes(StandardCharsets.UTF_8));
            lease.putEnv("CREDS", creds.toString()).putEnv("KEY", key.toString());

            outcome = runner.run(
                    ProcessSpec.of(List.of("/bin/sh", "-c", script, "sh", CANARY), Duration.ofSeconds(20))
                            .withEnv(lease.env()),
                    Redactor.patterns().with(lease.secretValues()),
                    (source, line) -> lines.add(line), new ManualCancellation());
        }

        assertThat(outcome.succeeded()).isTrue();
        List<String> everything = new ArrayList<>(lines);
        everything.add(outcome.stdout());
        everything.add(outcome.stderr());
        everything.addAll(outcome.argv());
        String base64 = java.util.Base64.getEncoder().encodeToString(CANARY.getBytes(StandardCharsets.UTF_8));
        for (String text : everything) {
            assertThat(text).doesNotContain(CANARY, FILE_CANARY, base64, "MIIEvQ", "c2VjcmV0LWtleS1");
        }
        assertThat(outcome.stdout()).startsWith("token is [REDACTED]\n[REDACTED]\nfirst argument: [REDACTED]\n");
        assertThat(outcome.stderr()).isEqualTo("[REDACTED]\n");
        assertThat(outcome.argv()).containsExactly("/bin/sh", "-c", script, "sh", Redactor.MASK);
        assertThat(lines).hasSize(9);
    }
}
