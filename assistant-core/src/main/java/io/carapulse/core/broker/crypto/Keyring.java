package io.carapulse.core.broker.crypto;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The key encryption keys a server holds: the current one, which wraps every new data key, and the
 * previous ones, which only unwrap until rotation has re-wrapped their data keys.
 */
public final class Keyring {

    private final KeyEncryptionKey current;
    private final Map<String, KeyEncryptionKey> byId = new LinkedHashMap<>();

    public Keyring(KeyEncryptionKey current, List<? extends KeyEncryptionKey> previous) {
        this.current = Objects.requireNonNull(current, "current");
        byId.put(current.id(), current);
        for (KeyEncryptionKey k : previous) {
            byId.putIfAbsent(k.id(), k);
        }
    }

    public KeyEncryptionKey current() {
        return current;
    }

    /** The key with this id, current or previous. */
    public Optional<KeyEncryptionKey> find(String kekId) {
        return Optional.ofNullable(byId.get(kekId));
    }

    /** Every id, the current one first. */
    public List<String> ids() {
        return new ArrayList<>(byId.keySet());
    }

    @Override
    public String toString() {
        return "Keyring" + ids();
    }
}
