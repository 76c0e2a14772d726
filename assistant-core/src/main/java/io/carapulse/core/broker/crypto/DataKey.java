package io.carapulse.core.broker.crypto;

import java.util.Arrays;
import java.util.Objects;

/** A fresh data key and its wrapped form; the plaintext key is zeroed on {@link #close()}. */
public final class DataKey implements AutoCloseable {

    private final byte[] key;
    private final WrappedKey wrapped;

    /** Takes ownership of {@code key}. */
    public DataKey(byte[] key, WrappedKey wrapped) {
        this.key = Objects.requireNonNull(key, "key");
        this.wrapped = Objects.requireNonNull(wrapped, "wrapped");
    }

    byte[] key() {
        return key;
    }

    public WrappedKey wrapped() {
        return wrapped;
    }

    @Override
    public void close() {
        Arrays.fill(key, (byte) 0);
    }

    @Override
    public String toString() {
        return "DataKey[****, wrapped by " + wrapped.kekId() + "]";
    }
}
