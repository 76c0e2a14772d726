package io.carapulse.core.broker.crypto;

/**
 * A key encryption key (KEK): wraps and unwraps the data keys of secrets. Implementations: a local
 * AES-256 key read from a reference ({@link LocalKeyEncryptionKey}) and an AWS KMS key
 * ({@link KmsKeyEncryptionKey}). The associated data given to each method is the secret's binding
 * ({@link AssociatedData}); a wrapped key opens only with the same binding.
 */
public interface KeyEncryptionKey {

    /**
     * A stable, non-secret id of this key, stored with every data key it wrapped: {@code local:<16 hex>}
     * (derived from the key, never the key) or {@code aws-kms:<key id or ARN as configured>}.
     */
    String id();

    /**
     * A fresh random 256-bit data key and its wrapped form, bound to {@code associatedData}.
     *
     * @throws io.carapulse.api.error.RetriableException when a remote key service cannot be reached
     */
    DataKey generate(byte[] associatedData);

    /**
     * Wraps an existing data key (rotation re-wraps the keys of a previous KEK with this one).
     *
     * @throws io.carapulse.api.error.RetriableException when a remote key service cannot be reached
     */
    WrappedKey wrap(byte[] dataKey, byte[] associatedData);

    /**
     * The data key of {@code wrapped}, which this key wrapped with the same {@code associatedData}.
     *
     * @throws SecretUnreadableException when the wrapped key, its nonce or the associated data changed, or
     *                                   this is not the key that wrapped it
     * @throws io.carapulse.api.error.RetriableException when a remote key service cannot be reached
     */
    byte[] unwrap(WrappedKey wrapped, byte[] associatedData);
}
