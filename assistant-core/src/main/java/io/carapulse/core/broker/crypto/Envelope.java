package io.carapulse.core.broker.crypto;

import java.util.Arrays;

/**
 * Envelope encryption of one secret: a fresh random 256-bit data key per secret encrypts the plaintext
 * with AES-256-GCM (a 96-bit random nonce, the secret's {@link AssociatedData} authenticated); the data
 * key is wrapped by the current key encryption key under the same binding. Decryption finds the KEK by
 * the id stored with the wrapped key, so secrets wrapped by a previous KEK read until rotation re-wraps
 * them. Every failure is a {@link SecretUnreadableException} naming owner, name and KEK id only.
 */
public final class Envelope {

    private Envelope() {
    }

    /** Encrypts {@code plaintext} for {@code owner}/{@code name} under the keyring's current KEK. */
    public static SealedSecret seal(Keyring keys, String owner, String name, Plaintext plaintext) {
        byte[] aad = AssociatedData.of(owner, name);
        try (DataKey dataKey = keys.current().generate(aad)) {
            byte[] nonce = Gcm.randomNonce();
            byte[] ciphertext = Gcm.encrypt(dataKey.key(), nonce, plaintext.open(), aad);
            return new SealedSecret(SealedSecret.VERSION_1, nonce, ciphertext, dataKey.wrapped());
        }
    }

    /**
     * Decrypts a secret stored for {@code owner}/{@code name}.
     *
     * @throws SecretUnreadableException when its KEK is not in the keyring, or anything it is made of (or
     *                                   the owner and name it is bound to) changed
     */
    public static Plaintext open(Keyring keys, String owner, String name, SealedSecret sealed) {
        byte[] aad = aad(owner, name, sealed);
        byte[] dataKey = unwrap(keys, owner, name, sealed, aad);
        try {
            byte[] plaintext = Gcm.decrypt(dataKey, sealed.nonce(), sealed.ciphertext(), aad);
            if (plaintext == null) {
                throw new SecretUnreadableException(describe(owner, name) + " cannot be decrypted: its ciphertext, "
                        + "tag or nonce changed, or it belongs to another owner or name");
            }
            return Plaintext.wrap(plaintext);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * The same secret with its data key re-wrapped by the keyring's current KEK; the ciphertext is not
     * touched and the plaintext never leaves this method's data key.
     */
    public static SealedSecret rewrap(Keyring keys, String owner, String name, SealedSecret sealed) {
        byte[] aad = aad(owner, name, sealed);
        byte[] dataKey = unwrap(keys, owner, name, sealed, aad);
        try {
            return sealed.withWrappedKey(keys.current().wrap(dataKey, aad));
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    private static byte[] aad(String owner, String name, SealedSecret sealed) {
        if (sealed.version() != SealedSecret.VERSION_1) {
            throw new SecretUnreadableException(describe(owner, name) + " is stored in format version "
                    + sealed.version() + ", which this server does not know");
        }
        return AssociatedData.of(owner, name);
    }

    private static byte[] unwrap(Keyring keys, String owner, String name, SealedSecret sealed, byte[] aad) {
        String kekId = sealed.wrappedKey().kekId();
        KeyEncryptionKey kek = keys.find(kekId).orElseThrow(() -> new SecretUnreadableException(describe(owner, name)
                + " was encrypted under key " + kekId + ", which is not configured (configured: " + keys.ids() + ")"));
        try {
            return kek.unwrap(sealed.wrappedKey(), aad);
        } catch (SecretUnreadableException e) {
            throw new SecretUnreadableException(describe(owner, name) + " cannot be decrypted: " + e.getMessage());
        }
    }

    private static String describe(String owner, String name) {
        return "the secret " + name + " of " + owner;
    }
}
