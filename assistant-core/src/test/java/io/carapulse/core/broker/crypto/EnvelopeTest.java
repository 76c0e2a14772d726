package io.carapulse.core.broker.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Envelope encryption on its own: round trip, every stored field and the binding authenticated, wrong keys refused. */
class EnvelopeTest {

    static final String CANARY = "canary-ghp_7rT3xQ9vLm2Kp8sW4nZ1yB6cD0fH5jA";
    static final String OWNER = "integration:int_01abc";
    static final String NAME = "github:token";

    private final LocalKeyEncryptionKey kek = new LocalKeyEncryptionKey(key(1));
    private final Keyring keys = new Keyring(kek, List.of());

    static byte[] key(int seed) {
        byte[] k = new byte[32];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (seed * 31 + i);
        }
        return k;
    }

    private SealedSecret seal() {
        try (Plaintext p = Plaintext.ofString(CANARY)) {
            return Envelope.seal(keys, OWNER, NAME, p);
        }
    }

    @Test
    void shouldReadBackWhatItSealedWithAFreshDataKeyAndNoncePerSecret() {
        SealedSecret a = seal();
        SealedSecret b = seal();

        try (Plaintext p = Envelope.open(keys, OWNER, NAME, a)) {
            assertThat(p.reveal()).isEqualTo(CANARY);
        }
        assertThat(a.version()).isEqualTo(SealedSecret.VERSION_1);
        assertThat(a.nonce()).hasSize(12);
        assertThat(a.ciphertext()).hasSize(CANARY.length() + 16);
        assertThat(a.wrappedKey().kekId()).isEqualTo(kek.id());
        assertThat(a.wrappedKey().nonce()).hasSize(12);
        assertThat(a.nonce()).isNotEqualTo(b.nonce());
        assertThat(a.ciphertext()).isNotEqualTo(b.ciphertext());
        assertThat(a.wrappedKey().key()).isNotEqualTo(b.wrappedKey().key());
    }

    @Test
    void shouldRefuseAFlippedByteInAnyStoredField() {
        SealedSecret s = seal();
        int last = s.ciphertext().length - 1;
        List<UnaryOperator<SealedSecret>> tamperings = List.of(
                x -> new SealedSecret(1, x.nonce(), flip(x.ciphertext(), 0), x.wrappedKey()),
                x -> new SealedSecret(1, x.nonce(), flip(x.ciphertext(), last), x.wrappedKey()),
                x -> new SealedSecret(1, flip(x.nonce(), 5), x.ciphertext(), x.wrappedKey()),
                x -> x.withWrappedKey(new WrappedKey(kek.id(), flip(x.wrappedKey().key(), 3), x.wrappedKey().nonce())),
                x -> x.withWrappedKey(new WrappedKey(kek.id(), x.wrappedKey().key(), flip(x.wrappedKey().nonce(), 0))));
        for (UnaryOperator<SealedSecret> tamper : tamperings) {
            assertThatThrownBy(() -> Envelope.open(keys, OWNER, NAME, tamper.apply(s)))
                    .isInstanceOf(SecretUnreadableException.class)
                    .hasMessageStartingWith("the secret github:token of integration:int_01abc cannot be decrypted")
                    .hasMessageNotContaining(CANARY);
        }
    }

    @Test
    void shouldRefuseACiphertextMovedToAnotherOwnerOrName() {
        SealedSecret s = seal();

        assertThatThrownBy(() -> Envelope.open(keys, "integration:int_02xyz", NAME, s))
                .isInstanceOf(SecretUnreadableException.class).hasMessageContaining("owner and name it is bound to");
        assertThatThrownBy(() -> Envelope.open(keys, OWNER, "gitlab:token", s))
                .isInstanceOf(SecretUnreadableException.class).hasMessageNotContaining(CANARY);
        // the data key is bound too: the ciphertext alone, moved with a wrapped key of the other row, fails
        SealedSecret other;
        try (Plaintext p = Plaintext.ofString("x")) {
            other = Envelope.seal(keys, "integration:int_02xyz", NAME, p);
        }
        assertThatThrownBy(() -> Envelope.open(keys, "integration:int_02xyz", NAME, s.withWrappedKey(other.wrappedKey())))
                .isInstanceOf(SecretUnreadableException.class);
    }

    @Test
    void shouldRefuseAWrongOrMissingKeyNamingTheKeyIds() {
        SealedSecret s = seal();
        LocalKeyEncryptionKey wrong = new LocalKeyEncryptionKey(key(2));

        assertThatThrownBy(() -> Envelope.open(new Keyring(wrong, List.of()), OWNER, NAME, s))
                .isInstanceOf(SecretUnreadableException.class)
                .hasMessage("the secret github:token of integration:int_01abc was encrypted under key " + kek.id()
                        + ", which is not configured (configured: [" + wrong.id() + "])");
        // a wrong key presented under the right id (a forged id) still fails authentication
        assertThatThrownBy(() -> wrong.unwrap(new WrappedKey(wrong.id(), s.wrappedKey().key(), s.wrappedKey().nonce()),
                AssociatedData.of(OWNER, NAME))).isInstanceOf(SecretUnreadableException.class);
    }

    @Test
    void shouldRefuseAnUnknownFormatVersion() {
        SealedSecret s = seal();
        assertThatThrownBy(() -> Envelope.open(keys, OWNER, NAME, new SealedSecret(2, s.nonce(), s.ciphertext(),
                s.wrappedKey()))).isInstanceOf(SecretUnreadableException.class).hasMessageContaining("format version 2");
    }

    @Test
    void shouldRewrapUnderTheCurrentKeyKeepingTheCiphertext() {
        SealedSecret s = seal();
        LocalKeyEncryptionKey next = new LocalKeyEncryptionKey(key(3));
        Keyring rotated = new Keyring(next, List.of(kek));

        SealedSecret r = Envelope.rewrap(rotated, OWNER, NAME, s);

        assertThat(r.ciphertext()).isEqualTo(s.ciphertext());
        assertThat(r.wrappedKey().kekId()).isEqualTo(next.id());
        try (Plaintext p = Envelope.open(new Keyring(next, List.of()), OWNER, NAME, r)) {
            assertThat(p.reveal()).isEqualTo(CANARY);
        }
    }

    @Test
    void shouldDeriveANonSecretStableKeyIdAndRedactEveryHolder() {
        byte[] k = key(1);
        assertThat(kek.id()).matches("local:[0-9a-f]{16}").isEqualTo(new LocalKeyEncryptionKey(k).id())
                .isNotEqualTo(new LocalKeyEncryptionKey(key(2)).id());
        String hex = java.util.HexFormat.of().formatHex(k);
        assertThat(hex).doesNotContain(kek.id().substring(6));
        Plaintext p = Plaintext.ofString(CANARY);
        SealedSecret s = seal();
        DataKey dk = kek.generate(AssociatedData.of(OWNER, NAME));
        for (Object o : List.of(p, s, s.wrappedKey(), dk, kek, keys)) {
            assertThat(o.toString()).doesNotContain(CANARY).doesNotContain(Base64.getEncoder().encodeToString(k))
                    .doesNotContain(hex);
        }
        assertThat(p.toString()).isEqualTo("Plaintext[****]");
        p.close();
        assertThatThrownBy(p::reveal).isInstanceOf(IllegalStateException.class);
        dk.close();
    }

    @Test
    void shouldRefuseOwnersAndNamesThatMakeTheBindingAmbiguous() {
        assertThatThrownBy(() -> AssociatedData.of("integration:a|github:token", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'|'");
        assertThatThrownBy(() -> AssociatedData.of(" ", NAME)).hasMessage("a secret's owner is required");
        assertThat(AssociatedData.text(OWNER, NAME)).isEqualTo("carapulse-secret/v1|integration:int_01abc|github:token");
    }

    @Test
    void shouldReadALocalKeyFromAReferenceAndRefuseWhatIsNotOne() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("kek", ".b64");
        java.nio.file.Files.writeString(file, Base64.getEncoder().encodeToString(key(1)) + "\n");
        KeyEncryptionKey fromFile = KeyReference.parse("k", "file:" + file).resolve(n -> null, () -> null);
        assertThat(fromFile.id()).isEqualTo(kek.id());
        KeyEncryptionKey fromEnv = KeyReference.parse("k", "env:KEK").resolve(
                n -> n.equals("KEK") ? Base64.getEncoder().encodeToString(key(1)) : null, () -> null);
        assertThat(fromEnv.id()).isEqualTo(kek.id());
        String pasted = Base64.getEncoder().encodeToString(key(1));

        assertThatThrownBy(() -> KeyReference.parse("carapulse.broker.key-encryption-key", pasted))
                .hasMessageStartingWith("carapulse.broker.key-encryption-key: the value (44 characters, not shown)")
                .hasMessageNotContaining(pasted);
        assertThatThrownBy(() -> KeyReference.parse("k", "env:KEK").resolve(n -> "c2hvcnQ=", () -> null))
                .hasMessage("k: env:KEK holds 5 bytes; a key encryption key is 32 bytes (openssl rand -base64 32)");
        assertThatThrownBy(() -> KeyReference.parse("k", "env:KEK").resolve(n -> null, () -> null))
                .hasMessage("k: the secret env:KEK is not set or is empty");
        assertThat(KeyReference.parse("k", "aws-kms:alias/carapulse").isKms()).isTrue();
    }

    static byte[] flip(byte[] bytes, int at) {
        byte[] copy = bytes.clone();
        copy[at] ^= 0x01;
        return copy;
    }
}
