package io.carapulse.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.util.Throwables.getRootCause;

import io.carapulse.api.audit.Checkpoints;
import io.carapulse.config.ConfigurationException;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.token.TokenService;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Signed audit checkpoints on the embedded default (H2), plus what does not depend on the database:
 * start-up checks of the keys, a server without a key, the periodic task.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditCheckpointTest extends AuditCheckpointContract {

    @Test
    void shouldStopStartUpWhenTheVerifyKeyIsNotTheSigningKeysPublicHalf() {
        Path signing = writePem(Checkpoints.pem(KEYS.getPrivate()));
        KeyPair other = newKeys();
        Path verify = writePem(Checkpoints.pem(other.getPublic()));

        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, Map.of(
                "carapulse.audit.signing-key", "file:" + signing,
                "carapulse.audit.verify-key", "file:" + verify), "test"))
                .satisfies(e -> {
                    Throwable root = getRootCause(e);
                    assertThat(root).isInstanceOf(ConfigurationException.class);
                    assertThat(root.getMessage()).isEqualTo("carapulse.audit.verify-key: file:" + verify
                            + " is not the public key of carapulse.audit.signing-key (file:" + signing + "): key "
                            + Checkpoints.keyId(other.getPublic()) + " was given, the signing key's is "
                            + Checkpoints.keyId(KEYS.getPublic()));
                });
    }

    @Test
    void shouldStopStartUpNamingAKeyThatCannotBeReadWithoutShowingIt() {
        Path notAKey = writePem("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE supersecret");

        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, Map.of(
                "carapulse.audit.signing-key", "file:" + notAKey), "test"))
                .satisfies(e -> assertThat(getRootCause(e).getMessage()).startsWith("carapulse.audit.signing-key: file:"
                        + notAKey + " is not an Ed25519 private key in PEM form").doesNotContain("supersecret"));
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, Map.of(
                "carapulse.audit.signing-key", "env:CARAPULSE_TEST_NO_SUCH_VARIABLE"), "test"))
                .satisfies(e -> assertThat(getRootCause(e).getMessage()).isEqualTo("carapulse.audit.signing-key: the secret "
                        + "env:CARAPULSE_TEST_NO_SUCH_VARIABLE is not set or is empty"));
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, Map.of(
                "carapulse.audit.signing-key", "-----BEGIN PRIVATE KEY-----"), "test"))
                .satisfies(e -> assertThat(getRootCause(e).getMessage()).startsWith("carapulse.audit.signing-key: ")
                        .contains("is not a secret reference"));
    }

    @Test
    void shouldStartWithAMatchingVerifyKey() {
        try (EmbeddedServer s = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "carapulse.audit.signing-key", "file:" + writePem(Checkpoints.pem(KEYS.getPrivate())),
                "carapulse.audit.verify-key", "file:" + writePem(Checkpoints.pem(KEYS.getPublic()))), "test")) {
            AuditKeys keys = s.getApplicationContext().getBean(AuditKeys.class);
            assertThat(keys.canSign()).isTrue();
            assertThat(keys.keyId()).isEqualTo(Checkpoints.keyId(KEYS.getPublic()));
            assertThat(keys.toString()).doesNotContain(Checkpoints.pem(KEYS.getPrivate()).lines().skip(1).findFirst()
                    .orElseThrow());
        }
    }

    @Test
    void shouldAnswerAuditSigningOffWithoutAKey() {
        try (EmbeddedServer s = ApplicationContext.run(EmbeddedServer.class, Map.of(), "test")) {
            String admin = s.getApplicationContext().getBean(TokenService.class)
                    .create(Actor.SYSTEM, "admin", List.of("admin")).token();
            TestHttp http = new TestHttp(s.getURL());

            TestHttp.Response r = http.post("/v1/audit/checkpoints", admin, "");
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.code()).isEqualTo("audit_signing_off");
            assertThat(r.json().path("detail").asText()).contains("carapulse.audit.signing-key");
            TestHttp.Response v = http.get("/v1/audit/verify", admin);
            assertThat(v.json().path("ok").asBoolean()).isTrue();
            assertThat(v.json().path("checkpoint").path("status").asText()).isEqualTo("off");
            assertThat(v.json().path("from").path("seq").asLong()).as("no key, no trusted checkpoint: " + v.body())
                    .isZero();
            assertThat(v.json().path("from").path("checkpointId").isNull()).isTrue();
            assertThat(v.json().path("checked").asLong())
                    .isEqualTo(s.getApplicationContext().getBean(AuditService.class).head().seq());
        }
    }

    @Test
    void shouldSignThroughTheRecurringTask() throws InterruptedException {
        try (EmbeddedServer s = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "carapulse.audit.signing-key", "file:" + writePem(Checkpoints.pem(KEYS.getPrivate())),
                "carapulse.audit.checkpoint-interval", "200ms"), "test")) {
            AuditService audit = s.getApplicationContext().getBean(AuditService.class);
            AuditCheckpoints checkpoints = s.getApplicationContext().getBean(AuditCheckpoints.class);
            long seq = audit.recordDenial(AuditEntry.deny(Actor.SYSTEM, "test.periodic", "test", null, "forbidden"));

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (checkpoints.latest().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(checkpoints.latest()).as("a checkpoint signed by the task").hasValueSatisfying(c -> {
                assertThat(c.seq()).isEqualTo(seq + 1);
                assertThat(Checkpoints.verify(KEYS.getPublic(), c)).isTrue();
            });
        }
    }
}
