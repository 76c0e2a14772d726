package io.carapulse.core.broker.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * A data key encrypted by a key encryption key: not secret on its own, useless without the KEK.
 *
 * @param kekId the id of the key encryption key that wrapped it ({@code local:…}, {@code aws-kms:…})
 * @param key   the wrapped key (for a local KEK the AES-GCM ciphertext and tag; for KMS the ciphertext blob)
 * @param nonce the nonce of a local wrap; {@code null} for KMS
 */
public record WrappedKey(String kekId, byte[] key, byte[] nonce) {

    public WrappedKey {
        Objects.requireNonNull(kekId, "kekId");
        Objects.requireNonNull(key, "key");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WrappedKey w && kekId.equals(w.kekId) && Arrays.equals(key, w.key)
                && Arrays.equals(nonce, w.nonce);
    }

    @Override
    public int hashCode() {
        return kekId.hashCode() * 31 + Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "WrappedKey[kekId=" + kekId + ", " + key.length + " bytes]";
    }
}
