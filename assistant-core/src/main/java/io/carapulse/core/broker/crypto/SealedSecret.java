package io.carapulse.core.broker.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * A secret as stored: its AES-256-GCM ciphertext (tag appended) under a data key of its own, that data
 * key wrapped by a key encryption key, and the format they were written in. Nothing here is secret
 * without the KEK; still, {@link #toString()} shows only the version and the KEK id.
 *
 * @param version    the format: {@value #VERSION_1} = AES-256-GCM, 96-bit nonce, binding {@link AssociatedData} v1
 * @param nonce      the nonce of the secret's encryption
 * @param ciphertext the ciphertext followed by the 16-byte tag
 * @param wrappedKey the data key, wrapped
 */
public record SealedSecret(int version, byte[] nonce, byte[] ciphertext, WrappedKey wrappedKey) {

    public static final int VERSION_1 = 1;

    public SealedSecret {
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(ciphertext, "ciphertext");
        Objects.requireNonNull(wrappedKey, "wrappedKey");
    }

    /** The same ciphertext with its data key wrapped anew (rotation). */
    public SealedSecret withWrappedKey(WrappedKey rewrapped) {
        return new SealedSecret(version, nonce, ciphertext, rewrapped);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealedSecret s && version == s.version && Arrays.equals(nonce, s.nonce)
                && Arrays.equals(ciphertext, s.ciphertext) && wrappedKey.equals(s.wrappedKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ciphertext);
    }

    @Override
    public String toString() {
        return "SealedSecret[v" + version + ", kekId=" + wrappedKey.kekId() + "]";
    }
}
