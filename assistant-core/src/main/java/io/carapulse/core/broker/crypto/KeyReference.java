package io.carapulse.core.broker.crypto;

import io.carapulse.api.error.PermanentException;
import io.carapulse.config.ConfigurationException;
import io.carapulse.config.SecretRef;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Where a key encryption key is, as {@code carapulse.broker.key-encryption-key} (or an entry of
 * {@code previous-key-encryption-keys}) names it: {@code env:NAME} or {@code file:/path} holding the
 * base64 of 32 random bytes ({@code openssl rand -base64 32}), or {@code aws-kms:<key id, ARN or alias>}.
 * Errors are {@link ConfigurationException}s naming the setting and the reference, never the key.
 *
 * @param setting the configuration key it came from, for messages
 * @param secret  the {@code env:}/{@code file:} reference, or {@code null} for KMS
 * @param kmsKey  the KMS key id, or {@code null} for a local key
 */
public record KeyReference(String setting, SecretRef secret, String kmsKey) {

    private static final String KMS = "aws-kms:";

    public KeyReference {
        Objects.requireNonNull(setting, "setting");
    }

    /** Parses a reference; a value that is not one (perhaps a key pasted in) is refused without showing it. */
    public static KeyReference parse(String setting, String text) {
        if (text != null && text.startsWith(KMS)) {
            String key = text.substring(KMS.length()).strip();
            if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
                throw new ConfigurationException(setting + ": aws-kms: needs a key id, ARN or alias, e.g. "
                        + "aws-kms:alias/carapulse-broker");
            }
            return new KeyReference(setting, null, key);
        }
        try {
            return new KeyReference(setting, SecretRef.parse(setting, text), null);
        } catch (ConfigurationException e) {
            throw new ConfigurationException(e.getMessage().replace("(env:NAME or file:/path)",
                    "(env:NAME, file:/path or aws-kms:<key>)").replace("write env:NAME or file:/path",
                    "write env:NAME, file:/path or aws-kms:<key>"));
        }
    }

    public boolean isKms() {
        return kmsKey != null;
    }

    /**
     * The key, read now: a local key's reference must resolve to base64 of exactly 32 bytes; a KMS key is
     * built on {@code kms} and named by its ARN now ({@code DescribeKey}): a key KMS does not know, or a
     * KMS that cannot be reached, is a {@link ConfigurationException} naming the setting.
     */
    public KeyEncryptionKey resolve(Function<String, String> environment, java.util.function.Supplier<KmsClient> kms) {
        if (isKms()) {
            KmsKeyEncryptionKey key = new KmsKeyEncryptionKey(kms.get(), kmsKey);
            try {
                key.id();
            } catch (SecretUnreadableException | io.carapulse.api.error.RetriableException e) {
                throw new ConfigurationException(setting + ": " + e.getMessage());
            }
            return key;
        }
        String text;
        try {
            text = secret.resolve(environment).reveal();
        } catch (PermanentException e) {
            throw new ConfigurationException(setting + ": " + e.getMessage());
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(setting + ": " + secret + " is not base64; generate a key with "
                    + "openssl rand -base64 32");
        }
        try {
            if (key.length != 32) {
                throw new ConfigurationException(setting + ": " + secret + " holds " + key.length
                        + " bytes; a key encryption key is 32 bytes (openssl rand -base64 32)");
            }
            return new LocalKeyEncryptionKey(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return isKms() ? KMS + kmsKey : secret.toString();
    }
}
