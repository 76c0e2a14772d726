package io.carapulse.api.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.dto.AuditCheckpointView;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Ed25519 checkpoints with the JDK alone: payload, signatures, PEM keys, key ids. */
class CheckpointsTest {

    private static KeyPair pair() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    private static AuditCheckpointView signed(PrivateKey key, long id, long seq, String hash) {
        String keyId = Checkpoints.keyId(Checkpoints.publicKeyOf(key));
        Instant created = Instant.parse("2026-03-01T10:15:30.123456Z");
        return new AuditCheckpointView(id, seq, hash, created, keyId,
                Checkpoints.sign(key, Checkpoints.payload(id, seq, hash, created, keyId)));
    }

    @Test
    void shouldWriteTheVersionedPayloadLineByLine() {
        assertThat(Checkpoints.payload(3, 1207, "ab".repeat(32), Instant.parse("2026-11-24T10:00:00.123456Z"),
                "0123456789abcdef")).isEqualTo("""
                carapulse-audit-checkpoint v1
                id=3
                seq=1207
                hash=%s
                created=2026-11-24T10:00:00.123456Z
                keyId=0123456789abcdef
                """.formatted("ab".repeat(32)));
    }

    @Test
    void shouldVerifyASignatureAndRefuseAnyChangedField() throws Exception {
        KeyPair keys = pair();
        AuditCheckpointView c = signed(keys.getPrivate(), 1, 10, "a".repeat(64));

        assertThat(Checkpoints.verify(keys.getPublic(), c)).isTrue();
        assertThat(Checkpoints.verify(keys.getPublic(), new AuditCheckpointView(1, 10, "b".repeat(64), c.createdAt(),
                c.keyId(), c.signature()))).as("another hash").isFalse();
        assertThat(Checkpoints.verify(keys.getPublic(), new AuditCheckpointView(1, 9, c.hash(), c.createdAt(),
                c.keyId(), c.signature()))).as("another seq").isFalse();
        assertThat(Checkpoints.verify(keys.getPublic(), new AuditCheckpointView(2, 10, c.hash(), c.createdAt(),
                c.keyId(), c.signature()))).as("renumbered").isFalse();
        assertThat(Checkpoints.verify(pair().getPublic(), c)).as("another key").isFalse();
        assertThat(Checkpoints.verify(keys.getPublic(), new AuditCheckpointView(1, 10, c.hash(), c.createdAt(),
                c.keyId(), "not base64!"))).as("garbage signature").isFalse();
    }

    @Test
    void shouldDeriveThePublicKeyFromThePrivateKey() throws Exception {
        KeyPair keys = pair();
        PublicKey derived = Checkpoints.publicKeyOf(keys.getPrivate());

        assertThat(derived.getEncoded()).isEqualTo(keys.getPublic().getEncoded());
        assertThat(Checkpoints.keyId(derived)).hasSize(16).isEqualTo(Checkpoints.keyId(keys.getPublic()))
                .isNotEqualTo(Checkpoints.keyId(pair().getPublic()));
    }

    @Test
    void shouldReadPemKeysBackAsTheSameKeys() throws Exception {
        KeyPair keys = pair();
        String privatePem = Checkpoints.pem(keys.getPrivate());
        String publicPem = Checkpoints.pem(keys.getPublic());

        assertThat(privatePem).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(Checkpoints.privateKey("\n" + privatePem).getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
        assertThat(Checkpoints.publicKey(publicPem).getEncoded()).isEqualTo(keys.getPublic().getEncoded());
    }

    @Test
    void shouldRefuseKeysThatAreNotEd25519PemWithoutQuotingThem() throws Exception {
        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        String rsaPem = "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(rsa.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";

        assertThatThrownBy(() -> Checkpoints.privateKey(rsaPem)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not an Ed25519 private key").hasMessageNotContaining("MII");
        assertThatThrownBy(() -> Checkpoints.privateKey("s3cr3t-value")).hasMessageContaining("in PEM form")
                .hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(() -> Checkpoints.privateKey(Checkpoints.pem(pair().getPublic())))
                .hasMessageContaining("BEGIN PRIVATE KEY");
        assertThatThrownBy(() -> Checkpoints.publicKey("-----BEGIN PUBLIC KEY-----\n%%%\n-----END PUBLIC KEY-----"))
                .hasMessageContaining("damaged");
        assertThatThrownBy(() -> Checkpoints.privateKey("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n"))
                .hasMessageContaining("encrypted");
    }
}
