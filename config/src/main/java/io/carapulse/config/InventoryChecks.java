package io.carapulse.config;

import java.util.List;
import java.util.Optional;

/**
 * What every {@link InventorySection} needs from the central configuration, with the same messages in
 * every family: the key of a section and a secret reference. Each adds a problem naming the key, never
 * a secret. What a family's names look like is the family's own business.
 */
public final class InventoryChecks {

    private InventoryChecks() {
    }

    /** {@code carapulse.environments.<environment>.<section>}, the prefix of every key a section names. */
    public static String key(String environment, String section) {
        return EnvironmentCatalog.PREFIX + "." + environment + "." + section;
    }

    /** The secret reference at {@code key}, empty when absent; a bad one is a problem naming the key. */
    public static Optional<SecretRef> secret(String key, String text, List<String> problems) {
        return secret(key, text, java.util.Set.of(), problems);
    }

    /** The same, also taking {@code integration:<provider>} for one of {@code providers} ({@link SecretRef#parse(String, String, java.util.Set)}). */
    public static Optional<SecretRef> secret(String key, String text, java.util.Set<String> providers, List<String> problems) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SecretRef.parse(key, text, providers));
        } catch (ConfigurationException e) {
            problems.add(e.getMessage());
            return Optional.empty();
        }
    }
}
