package io.carapulse.tools.family;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The name lists tool families declare in their inventory sections (Kubernetes namespaces, Argo CD
 * projects, chart repository names): DNS-1123 labels, checked with one message in every family. The
 * central configuration knows nothing of them; it only offers the key prefix and secret references
 * ({@link io.carapulse.config.InventoryChecks}).
 */
public final class InventoryNames {

    /** A Kubernetes namespace, an Argo CD project, a chart repository name (DNS-1123 label). */
    public static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";

    private InventoryNames() {
    }

    /** The DNS-label names at {@code key}, blanks skipped; each other name is a problem naming the key. */
    public static Set<String> dnsLabels(String key, List<String> names, List<String> problems) {
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
