package io.carapulse.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks every {@link InventorySection} needs, with the same messages in every family: the key of a
 * section, a secret reference, a list of names. Each adds a problem naming the key, never a secret.
 */
public final class InventoryChecks {

    /** A Kubernetes namespace, an Argo CD project, a chart repository name (DNS-1123 label). */
    public static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";

    private InventoryChecks() {
    }

    /** {@code carapulse.environments.<environment>.<section>}, the prefix of every key a section names. */
    public static String key(String environment, String section) {
        return EnvironmentCatalog.PREFIX + "." + environment + "." + section;
    }

    /** The secret reference at {@code key}, empty when absent; a bad one is a problem naming the key. */
    public static Optional<SecretRef> secret(String key, String text, List<String> problems) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SecretRef.parse(key, text));
        } catch (ConfigurationException e) {
            problems.add(e.getMessage());
            return Optional.empty();
        }
    }

    /** The DNS-label names at {@code key}, blanks skipped; each other name is a problem naming the key. */
    public static Set<String> names(String key, List<String> names, List<String> problems) {
        Set<String> out = new LinkedHashSet<>();
        for (String n : names == null ? List.<String>of() : names) {
            if (n.isBlank()) {
                continue; // the binding's default for an absent list
            }
            if (n.matches(DNS_LABEL)) {
                out.add(n);
            } else {
                problems.add(key + ": '" + n + "' is not a valid name (lower-case letters, digits, '-')");
            }
        }
        return out;
    }
}
