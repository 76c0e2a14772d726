package io.carapulse.core.broker;

import io.carapulse.core.broker.crypto.KeyEncryptionKey;
import io.carapulse.core.broker.crypto.KeyReference;
import io.carapulse.core.broker.crypto.Keyring;
import io.carapulse.core.broker.crypto.KmsKeyEncryptionKey;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The broker's key encryption keys, read once from {@link BrokerConfiguration}: a reference that cannot
 * be read, or does not hold a 32-byte key, stops start-up with one line naming the setting. Without a
 * current key the broker is not configured: {@link #require()} says so.
 */
@Singleton
public class BrokerKeys {

    private final Keyring keyring;

    @Inject
    public BrokerKeys(BrokerConfiguration config, BrokerKmsConfiguration kms) {
        this(config, System::getenv, kmsClient(kms));
    }

    BrokerKeys(BrokerConfiguration config, Function<String, String> environment, Supplier<KmsClient> kms) {
        Supplier<KmsClient> shared = memoize(kms);
        List<KeyEncryptionKey> previous = new ArrayList<>();
        int i = 0;
        for (String text : config.previousKeyEncryptionKeys()) {
            String setting = BrokerConfiguration.PREVIOUS_KEY_ENCRYPTION_KEYS + "[" + i++ + "]";
            previous.add(KeyReference.parse(setting, text).resolve(environment, shared));
        }
        if (config.configured()) {
            KeyEncryptionKey current = KeyReference.parse(BrokerConfiguration.KEY_ENCRYPTION_KEY,
                    config.keyEncryptionKey()).resolve(environment, shared);
            this.keyring = new Keyring(current, previous);
        } else {
            this.keyring = null;
        }
    }

    /** A broker whose keys are already built (tests, tools). */
    public BrokerKeys(Keyring keyring) {
        this.keyring = keyring;
    }

    /** The keys, or empty when no key encryption key is configured. */
    public Optional<Keyring> keyring() {
        return Optional.ofNullable(keyring);
    }

    /**
     * The keys.
     *
     * @throws BrokerNotConfiguredException when no key encryption key is configured
     */
    public Keyring require() {
        if (keyring == null) {
            throw new BrokerNotConfiguredException();
        }
        return keyring;
    }

    private static Supplier<KmsClient> kmsClient(BrokerKmsConfiguration kms) {
        return () -> KmsKeyEncryptionKey.client(kms.region(), kms.endpoint(), null);
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        Object[] held = new Object[1];
        return () -> {
            if (held[0] == null) {
                held[0] = supplier.get();
            }
            @SuppressWarnings("unchecked")
            T t = (T) held[0];
            return t;
        };
    }

    @Override
    public String toString() {
        return "BrokerKeys[" + (keyring == null ? "not configured" : keyring.ids()) + "]";
    }
}
