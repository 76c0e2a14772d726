package io.carapulse.tools.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.redact.Redactor;
import io.carapulse.testkit.tool.ManualCancellation;
import io.carapulse.tools.process.LineSink;
import io.carapulse.tools.process.ProcessOutcome;
import io.carapulse.tools.process.ProcessRunner;
import io.carapulse.tools.process.ProcessSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lease files are owner-only, reach the child through its environment, and vanish on close. */
class CredentialLeaseTest {

    private static final String TOKEN = "canary-lease-token-7f3a9c";

    private final ProcessRunner runner = new ProcessRunner(Map.of("PATH", "/usr/bin:/bin"));

    @AfterEach
    void stop() {
        runner.close();
    }

    @Test
    void shouldWriteOwnerOnlyFilesInAnOwnerOnlyDirectoryAndDeleteThemOnClose() throws Exception {
        CredentialLease lease = CredentialLease.open();
        Path file = lease.write("kubeconfig", "apiVersion: v1\n".getBytes(StandardCharsets.UTF_8));

        assertThat(file.getParent()).isEqualTo(lease.directory());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(lease.directory())))
                .isEqualTo("rwx------");
        assertThat(file).hasContent("apiVersion: v1");

        lease.close();
        lease.close();

        assertThat(file).doesNotExist();
        assertThat(lease.directory()).doesNotExist();
        assertThatThrownBy(lease::env).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldNotMakeADirectoryForALeaseOfVariablesOnly() {
        CredentialLease lease = CredentialLease.open();
        lease.putEnv("ARGOCD_AUTH_TOKEN", TOKEN);

        lease.close();

        // a lease that never had a directory has none to name once closed
        assertThatThrownBy(lease::directory).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldLetTheChildReadTheFileThroughTheVariablePointingToIt() {
        byte[] content = ("token: " + TOKEN + "\n").getBytes(StandardCharsets.UTF_8);
        try (CredentialLease lease = CredentialLease.open()) {
            Path file = lease.write("kubeconfig", content);
            lease.putEnv("KUBECONFIG", file.toString());

            ProcessOutcome outcome = runner.run(
                    ProcessSpec.of(List.of("/bin/sh", "-c", "stat -c %a \"$KUBECONFIG\"; wc -c < \"$KUBECONFIG\""),
                            Duration.ofSeconds(20)).withEnv(lease.env()),
                    Redactor.patterns().with(lease.secretValues()), LineSink.discard(), new ManualCancellation());

            assertThat(outcome.succeeded()).isTrue();
            assertThat(outcome.stdout()).isEqualTo("600\n" + content.length + "\n");
        }
    }

    @Test
    void shouldOfferEverySecretAlsoInItsBase64Forms() {
        try (CredentialLease lease = CredentialLease.open()) {
            lease.putEnv("VAULT_TOKEN", TOKEN);
            Path ca = lease.write("ca.pem", "ca-bytes-9911".getBytes(StandardCharsets.UTF_8));
            lease.putEnv("SSL_CERT_FILE", ca.toString());

            assertThat(lease.secretValues()).contains(
                    TOKEN,
                    Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8)),
                    Base64.getUrlEncoder().withoutPadding().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8)),
                    "ca-bytes-9911",
                    Base64.getEncoder().encodeToString("ca-bytes-9911".getBytes(StandardCharsets.UTF_8)));
            assertThat(lease.secretValues()).doesNotContain(ca.toString());
            assertThat(lease.env()).containsEntry("VAULT_TOKEN", TOKEN).containsEntry("SSL_CERT_FILE", ca.toString());
        }
    }

    @Test
    void shouldNeverShowSecretsInToString() {
        try (CredentialLease lease = CredentialLease.open()) {
            lease.putEnv("AWS_SECRET_ACCESS_KEY", TOKEN);
            lease.write("kubeconfig", TOKEN.getBytes(StandardCharsets.UTF_8));

            assertThat(lease.toString()).doesNotContain(TOKEN).contains("AWS_SECRET_ACCESS_KEY", "kubeconfig");
        }
    }

    @Test
    void shouldCreateOwnerOnlyDirectoriesWhosePathIsNoSecretAndDeleteThemOnClose() throws Exception {
        CredentialLease lease = CredentialLease.open();
        Path dir = lease.createDirectory("repository-cache");
        Files.writeString(dir.resolve("index.yaml"), "apiVersion: v1\n");
        lease.putEnv("HELM_REPOSITORY_CACHE", dir.toString());

        assertThat(dir.getParent()).isEqualTo(lease.directory());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(lease.secretValues()).doesNotContain(dir.toString());
        assertThat(lease.env()).containsEntry("HELM_REPOSITORY_CACHE", dir.toString());
        assertThatThrownBy(() -> lease.createDirectory("repository-cache")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lease.createDirectory("../x")).isInstanceOf(IllegalArgumentException.class);

        lease.close();

        assertThat(dir).doesNotExist();
    }

    @Test
    void shouldRefuseFileNamesThatLeaveItsDirectory() {
        try (CredentialLease lease = CredentialLease.open()) {
            for (String name : List.of("../kubeconfig", "a/b", "", ".hidden", "..")) {
                assertThatThrownBy(() -> lease.write(name, new byte[] {1}))
                        .as(name).isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    void shouldPassSettingsUnmaskedAndRefuseSettingsNamedLikeCredentials() {
        try (CredentialLease lease = CredentialLease.open()) {
            lease.putEnv("AWS_SESSION_TOKEN", "tok-canary-0123456789").putSetting("AWS_REGION", "eu-west-1")
                    .putSetting("AWS_PAGER", "");

            assertThat(lease.env()).containsEntry("AWS_REGION", "eu-west-1").containsEntry("AWS_PAGER", "");
            assertThat(lease.secretValues()).contains("tok-canary-0123456789").doesNotContain("eu-west-1");
            assertThat(Redactor.patterns().with(lease.secretValues()).redact("region eu-west-1"))
                    .isEqualTo("region eu-west-1");
            for (String name : List.of("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ACCESS_KEY_ID", "DB_PASSWORD",
                    "GITHUB_TOKEN", "VAULT_AUTH", "my_api_key", "X-1")) {
                assertThatThrownBy(() -> lease.putSetting(name, "v")).as(name).isInstanceOf(IllegalArgumentException.class);
            }
        }
    }
}
