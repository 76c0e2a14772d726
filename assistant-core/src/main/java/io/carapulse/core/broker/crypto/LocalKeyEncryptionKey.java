package io.carapulse.core.broker.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A key encryption key held by the server: 32 bytes read from an {@code env:}/{@code file:} reference
 * (base64). Data keys are wrapped with AES-256-GCM under it, with a nonce of their own and the secret's
 * binding as associated data. Its id is {@code local:} and the first 16 hex digits of
 * SHA-256({@value #ID_LABEL} + key): the same key always has the same id, the id reveals nothing of it.
 */
public final class LocalKeyEncryptionKey implements KeyEncryptionKey {

    static final String ID_LABEL = "carapulse.broker.kek-id/v1\0";

    private final byte[] key;
    private final String id;

    /** Copies {@code key}, which must be 32 bytes; the caller zeroes its own copy. */
    public LocalKeyEncryptionKey(byte[] key) {
        if (key == null || key.length != Gcm.KEY_BYTES) {
            throw new IllegalArgumentException("a key encryption key is 32 bytes (256 bits), not "
                    + (key == null ? 0 : key.length));
        }
        this.key = Arrays.copyOf(key, key.length);
        this.id = idOf(this.key);
    }

    static String idOf(byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ID_LABEL.getBytes(StandardCharsets.US_ASCII));
            sha.update(key);
            return "local:" + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public DataKey generate(byte[] associatedData) {
        byte[] dataKey = Gcm.randomKey();
        return new DataKey(dataKey, wrap(dataKey, associatedData));
    }

    @Override
    public WrappedKey wrap(byte[] dataKey, byte[] associatedData) {
        byte[] nonce = Gcm.randomNonce();
        return new WrappedKey(id, Gcm.encrypt(key, nonce, dataKey, associatedData), nonce);
    }

    @Override
    public byte[] unwrap(WrappedKey wrapped, byte[] associatedData) {
        if (!wrapped.kekId().equals(id)) {
            throw new SecretUnreadableException("the data key was wrapped by " + wrapped.kekId() + ", not by " + id);
        }
        byte[] dataKey = Gcm.decrypt(key, wrapped.nonce(), wrapped.key(), associatedData);
        if (dataKey == null) {
            throw new SecretUnreadableException("the wrapped data key does not open under " + id
                    + ": it, its nonce or the owner and name it is bound to changed");
        }
        return dataKey;
    }

    @Override
    public String toString() {
        return "LocalKeyEncryptionKey[" + id + "]";
    }
}
