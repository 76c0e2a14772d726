package io.carapulse.core.broker;

import io.carapulse.config.ConfigurationException;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.List;

/**
 * {@code carapulse.broker.*}: the credential broker's keys (docs/integrations.md#key-management).
 *
 * @param keyEncryptionKey          the current key encryption key: {@code env:NAME} or {@code file:/path}
 *                                  holding base64 of 32 bytes, or {@code aws-kms:<key>}; unset = the broker is
 *                                  not configured (allowed only while no secret is stored)
 * @param previousKeyEncryptionKeys keys that wrapped data keys before the current one, read until
 *                                  {@link KeyRotation} has re-wrapped them
 * @param rotationBatchSize         how many secrets one rotation transaction re-wraps
 */
@ConfigurationProperties("carapulse.broker")
public record BrokerConfiguration(
        @Nullable String keyEncryptionKey,
        @Nullable List<String> previousKeyEncryptionKeys,
        @Bindable(defaultValue = "100") int rotationBatchSize) {

    public static final String KEY_ENCRYPTION_KEY = "carapulse.broker.key-encryption-key";
    public static final String PREVIOUS_KEY_ENCRYPTION_KEYS = "carapulse.broker.previous-key-encryption-keys";
    /** How messages name the setting: the key and its environment variable. */
    public static final String KEY_ENCRYPTION_KEY_NAME = KEY_ENCRYPTION_KEY + " (CARAPULSE_BROKER_KEY_ENCRYPTION_KEY)";

    public BrokerConfiguration {
        previousKeyEncryptionKeys = previousKeyEncryptionKeys == null ? List.of()
                : previousKeyEncryptionKeys.stream().filter(s -> s != null && !s.isBlank()).map(String::strip).toList();
        if (rotationBatchSize < 1 || rotationBatchSize > 10_000) {
            throw new ConfigurationException("carapulse.broker.rotation-batch-size must be between 1 and 10000");
        }
    }

    /** Whether a key encryption key is set. */
    public boolean configured() {
        return keyEncryptionKey != null && !keyEncryptionKey.isBlank();
    }

    /** Shows whether keys are set, never the values (a key pasted in by mistake must not reach a log). */
    @Override
    public String toString() {
        return "BrokerConfiguration[keyEncryptionKey=" + (configured() ? "set" : "unset") + ", previousKeyEncryptionKeys="
                + previousKeyEncryptionKeys.size() + ", rotationBatchSize=" + rotationBatchSize + "]";
    }
}
