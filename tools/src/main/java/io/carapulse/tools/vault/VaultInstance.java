package io.carapulse.tools.vault;

import io.carapulse.config.InventoryPart;
import io.carapulse.config.SecretRef;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Vault of an environment ({@code carapulse.environments.<env>.vault}): where vault steps go, how the
 * server logs in, and the only KV paths, leases and database static roles steps may name (S6).
 *
 * @param address             the Vault address (scheme, host, port)
 * @param namespace           the Enterprise namespace, when there is one
 * @param auth                how the server logs in
 * @param childPolicies       the policies of a CLI call's child token; empty: the server token's own
 * @param kvMounts            KV v2 mount → allowed path prefixes, each ending with {@code /}
 * @param leasePrefixes       allowed lease id prefixes, each ending with {@code /}
 * @param databaseStaticRoles {@code <mount>/<role>} of the static roles steps may rotate
 */
public record VaultInstance(URI address, Optional<String> namespace, Auth auth, List<String> childPolicies,
                            Map<String, List<String>> kvMounts, List<String> leasePrefixes,
                            Set<String> databaseStaticRoles) implements InventoryPart {

    public VaultInstance {
        childPolicies = List.copyOf(childPolicies);
        kvMounts = Map.copyOf(kvMounts);
        leasePrefixes = List.copyOf(leasePrefixes);
        databaseStaticRoles = Set.copyOf(databaseStaticRoles);
    }

    /** How the server logs in to Vault. */
    public sealed interface Auth {
        /** The method's name as configured. */
        String method();
    }

    /** Kubernetes auth: the pod's service-account JWT at {@code jwtPath}, {@code POST auth/<mount>/login}. */
    public record Kubernetes(String mount, String role, Path jwtPath) implements Auth {
        @Override
        public String method() {
            return "kubernetes";
        }
    }

    /** AppRole auth: {@code POST auth/<mount>/login} with a role id and a secret id. */
    public record AppRole(String mount, SecretRef roleId, SecretRef secretId) implements Auth {
        @Override
        public String method() {
            return "approle";
        }
    }

    /** A token given as is (renewing it is its owner's business). */
    public record Token(SecretRef token) implements Auth {
        @Override
        public String method() {
            return "token";
        }
    }

    /** Whether {@code path} lies under one of {@code mount}'s allowed prefixes (a prefix itself included). */
    public boolean allowsKv(String mount, String path) {
        List<String> prefixes = kvMounts.get(mount);
        return prefixes != null && under(path, prefixes);
    }

    /** Whether {@code leaseIdOrPrefix} lies under one of the allowed lease prefixes. */
    public boolean allowsLease(String leaseIdOrPrefix) {
        return under(leaseIdOrPrefix, leasePrefixes);
    }

    private static boolean under(String path, List<String> prefixes) {
        String dir = path.endsWith("/") ? path : path + "/";
        return prefixes.stream().anyMatch(p -> path.startsWith(p) || dir.equals(p));
    }

    /** Targets only: mounts, prefixes, roles; never the address's credentials or where a secret is kept. */
    @Override
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("Vault" + namespace.map(n -> " namespace " + n).orElse("") + " (the runtime adds the address)");
        if (!kvMounts.isEmpty()) {
            List<String> kv = new ArrayList<>();
            new TreeMap<>(kvMounts).forEach((m, p) -> kv.add(m + " " + new TreeSet<>(p)));
            lines.add("Vault KV v2 mounts and path prefixes (metadata only, never values): " + String.join(", ", kv));
        }
        if (!leasePrefixes.isEmpty()) {
            lines.add("Vault lease prefixes: " + String.join(", ", new TreeSet<>(leasePrefixes)));
        }
        if (!databaseStaticRoles.isEmpty()) {
            lines.add("Vault database static roles that may be rotated: "
                    + String.join(", ", new TreeSet<>(databaseStaticRoles)));
        }
        return lines;
    }
}
