package io.carapulse.tools.aws.internal;

import static io.carapulse.tools.aws.AwsStubs.LEASED_KEY_ID;
import static io.carapulse.tools.aws.AwsStubs.LEASED_SECRET;
import static io.carapulse.tools.aws.AwsStubs.LEASED_TOKEN;
import static io.carapulse.tools.aws.AwsStubs.SERVER_KEY_ID;
import static io.carapulse.tools.aws.AwsStubs.SERVER_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.redact.Redactor;
import io.carapulse.testkit.tool.ManualCancellation;
import io.carapulse.tools.process.ProcessOutcome;
import io.carapulse.tools.process.ProcessRunner;
import io.carapulse.tools.process.ProcessSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A CLI child gets the session's temporary credentials and nothing of the server's own AWS identity. */
class AwsLeaseTest {

    private static final AwsSession SESSION = new AwsSession("prod", "eu-west-1", LEASED_KEY_ID, LEASED_SECRET,
            LEASED_TOKEN, Instant.parse("2099-01-01T00:00:00Z"),
            "arn:aws:sts::123456789012:assumed-role/carapulse/carapulse-exec-7-2", "carapulse-exec-7-2");

    /** A server whose own environment holds every way the AWS CLI could find an identity. */
    private final ProcessRunner runner = new ProcessRunner(Map.of(
            "PATH", "/usr/bin:/bin",
            "AWS_ACCESS_KEY_ID", SERVER_KEY_ID,
            "AWS_SECRET_ACCESS_KEY", SERVER_SECRET,
            "AWS_SESSION_TOKEN", "server-own-session-token",
            "AWS_PROFILE", "server-admin",
            "AWS_REGION", "us-east-2",
            "AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/secrets/eks.amazonaws.com/serviceaccount/token",
            "AWS_ROLE_ARN", "arn:aws:iam::111111111111:role/carapulse-server",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.23/v1/credentials"));

    @AfterEach
    void stop() {
        runner.close();
    }

    @Test
    void shouldGiveTheChildTheSessionsCredentialsEmptyOwnerOnlyFilesAndFixedSettings() throws Exception {
        try (AwsLease lease = AwsLease.open(SESSION)) {
            Map<String, String> env = lease.env();

            assertThat(env).containsEntry("AWS_ACCESS_KEY_ID", LEASED_KEY_ID)
                    .containsEntry("AWS_SECRET_ACCESS_KEY", LEASED_SECRET)
                    .containsEntry("AWS_SESSION_TOKEN", LEASED_TOKEN)
                    .containsEntry("AWS_REGION", "eu-west-1")
                    .containsEntry("AWS_DEFAULT_REGION", "eu-west-1")
                    .containsEntry("AWS_PAGER", "")
                    .containsEntry("AWS_CLI_AUTO_PROMPT", "off")
                    .containsEntry("AWS_EC2_METADATA_DISABLED", "true")
                    .containsEntry("AWS_RETRY_MODE", "standard")
                    .containsEntry("AWS_MAX_ATTEMPTS", "3")
                    .containsOnlyKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION",
                            "AWS_DEFAULT_REGION", "AWS_PAGER", "AWS_CLI_AUTO_PROMPT", "AWS_EC2_METADATA_DISABLED",
                            "AWS_RETRY_MODE", "AWS_MAX_ATTEMPTS", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE");
            for (String file : List.of("AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE")) {
                Path path = Path.of(env.get(file));
                assertThat(path).as(file).isEmptyFile();
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path.getParent())))
                        .isEqualTo("rwx------");
            }
        }
    }

    @Test
    void shouldMaskTheCredentialsInEveryFormButNeitherTheRegionNorTheSettings() {
        try (AwsLease lease = AwsLease.open(SESSION)) {
            assertThat(lease.secretValues()).contains(LEASED_KEY_ID, LEASED_SECRET, LEASED_TOKEN,
                    Base64.getEncoder().encodeToString(LEASED_SECRET.getBytes(StandardCharsets.UTF_8)),
                    Base64.getEncoder().encodeToString(LEASED_TOKEN.getBytes(StandardCharsets.UTF_8)));
            assertThat(lease.secretValues()).doesNotContain("eu-west-1", "true", "standard",
                    lease.env().get("AWS_CONFIG_FILE"));
        }
    }

    @Test
    void shouldLetNoneOfTheServersOwnAwsVariablesReachTheChild() {
        ProcessOutcome outcome;
        List<String> lines = new CopyOnWriteArrayList<>();
        try (AwsLease lease = AwsLease.open(SESSION)) {
            outcome = runner.run(ProcessSpec.of(List.of("/usr/bin/env"), Duration.ofSeconds(20)).withEnv(lease.env()),
                    Redactor.patterns().with(lease.secretValues()), (source, line) -> lines.add(line),
                    new ManualCancellation());
        }

        assertThat(outcome.succeeded()).isTrue();
        Map<String, String> child = Arrays.stream(outcome.stdout().split("\n")).filter(l -> l.contains("="))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
        assertThat(child.keySet().stream().filter(k -> k.startsWith("AWS_")).sorted().toList()).containsExactly(
                "AWS_ACCESS_KEY_ID", "AWS_CLI_AUTO_PROMPT", "AWS_CONFIG_FILE", "AWS_DEFAULT_REGION",
                "AWS_EC2_METADATA_DISABLED", "AWS_MAX_ATTEMPTS", "AWS_PAGER", "AWS_REGION", "AWS_RETRY_MODE",
                "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SHARED_CREDENTIALS_FILE");
        assertThat(child).containsEntry("AWS_REGION", "eu-west-1")
                .containsEntry("AWS_SECRET_ACCESS_KEY", Redactor.MASK)
                .containsEntry("AWS_SESSION_TOKEN", Redactor.MASK)
                .containsEntry("AWS_EC2_METADATA_DISABLED", "true");
        List<String> captured = new ArrayList<>(lines);
        captured.add(outcome.stdout());
        captured.add(outcome.stderr());
        for (String text : captured) {
            assertThat(text).doesNotContain(SERVER_KEY_ID, SERVER_SECRET, "server-own-session-token", "server-admin",
                    "us-east-2", "carapulse-server", LEASED_SECRET, LEASED_TOKEN, LEASED_KEY_ID);
        }
    }

    @Test
    void shouldDeleteTheFilesAndForgetTheValuesOnClose() {
        AwsLease lease = AwsLease.open(SESSION);
        Path config = Path.of(lease.env().get("AWS_CONFIG_FILE"));

        lease.close();
        lease.close();

        assertThat(config).doesNotExist();
        assertThat(config.getParent()).doesNotExist();
        assertThatThrownBy(lease::env).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(lease::secretValues).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldShowNamesOnlyInToString() {
        try (AwsLease lease = AwsLease.open(SESSION)) {
            assertThat(lease.toString()).doesNotContain(LEASED_SECRET, LEASED_TOKEN, LEASED_KEY_ID, "eu-west-1")
                    .contains("AWS_SECRET_ACCESS_KEY", "AWS_REGION");
        }
    }
}
