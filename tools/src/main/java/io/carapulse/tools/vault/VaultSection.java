package io.carapulse.tools.vault;

import io.carapulse.config.InventoryChecks;
import io.carapulse.config.InventorySection;
import io.carapulse.config.SecretRef;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.naming.NameUtils;
import io.micronaut.core.value.PropertyCatalog;
import io.micronaut.core.value.PropertyResolver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code carapulse.environments.<env>.vault}: an environment's Vault, its server login and the KV paths,
 * leases and static roles its steps may name, checked at start-up. Every mistake is one problem naming
 * its key, never a secret's value.
 */
@Singleton
public final class VaultSection implements InventorySection<VaultInstance> {

    /** The section's key under an environment. */
    public static final String KEY = "vault";

    /** The default service-account token of a pod. */
    public static final String DEFAULT_JWT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount/token";

    private static final Set<String> AUTH_KEYS = Set.of("method", "mount", "role", "jwt-path", "role-id",
            "secret-id", "token");

    private static final java.util.regex.Pattern INDEXED = java.util.regex.Pattern.compile("^(.*)\\[(\\d+)]$");

    /** The keys a {@code vault} block may hold. */
    private static final Set<String> SECTION_KEYS = Set.of("address", "namespace", "auth", "child-policies",
            "kv-mounts", "lease-prefixes", "database-static-roles");

    private final Map<String, VaultProperties.Server> servers;
    private final PropertyResolver configuration;

    /** Sections as bound, without the check of keys as written (tests). */
    public VaultSection(Collection<VaultProperties> properties) {
        this(properties, null);
    }

    @Inject
    public VaultSection(Collection<VaultProperties> properties,
                        @Nullable io.micronaut.context.env.Environment configuration) {
        this.servers = properties.stream().filter(p -> p.vault() != null)
                .collect(Collectors.toMap(VaultProperties::name, VaultProperties::vault));
        this.configuration = configuration;
    }

    /** Keys written under the section that no field reads (a typo such as {@code kv-mount}). */
    private List<String> unknownKeys(String key) {
        if (configuration == null) {
            return List.of();
        }
        return new java.util.TreeSet<>(configuration.getPropertyEntries(key, PropertyCatalog.RAW)).stream()
                .map(e -> NameUtils.hyphenate(e.replaceFirst("\\[.*", ""))).distinct()
                .filter(e -> !SECTION_KEYS.contains(e)).toList();
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public Class<VaultInstance> type() {
        return VaultInstance.class;
    }

    @Override
    public Optional<VaultInstance> load(String environment, List<String> problems) {
        VaultProperties.Server v = servers.get(environment);
        if (v == null) {
            return Optional.empty();
        }
        String key = InventoryChecks.key(environment, KEY);
        int before = problems.size();
        unknownKeys(key).forEach(k -> problems.add(key + "." + k + ": unknown key (the vault section reads "
                + new java.util.TreeSet<>(SECTION_KEYS) + ")"));
        URI address = address(key + ".address", v.address(), problems);
        Optional<String> namespace = Optional.ofNullable(v.namespace()).filter(n -> !n.isBlank());
        namespace.filter(n -> !n.matches(VaultAction.NAMESPACE))
                .ifPresent(n -> problems.add(key + ".namespace: '" + n + "' is not a Vault namespace path"));
        VaultInstance.Auth auth = auth(key + ".auth", v.auth(), problems);
        List<String> policies = names(key + ".child-policies", v.childPolicies(), VaultAction.POLICY, problems);
        Map<String, List<String>> kv = kvMounts(key + ".kv-mounts", v.kvMounts(), problems);
        List<String> leases = prefixes(key + ".lease-prefixes", v.leasePrefixes(), VaultAction.LEASE_ID, problems);
        Set<String> roles = new LinkedHashSet<>();
        for (String r : v.databaseStaticRoles() == null ? List.<String>of() : v.databaseStaticRoles()) {
            int slash = r == null ? -1 : r.lastIndexOf('/');
            if (slash <= 0 || !r.substring(0, slash).matches(VaultAction.MOUNT)
                    || !r.substring(slash + 1).matches(VaultAction.ROLE)) {
                problems.add(key + ".database-static-roles: '" + r + "' is not <mount>/<role>, e.g. database/app-static");
            } else {
                roles.add(r);
            }
        }
        if (kv.isEmpty() && leases.isEmpty() && roles.isEmpty() && problems.size() == before) {
            problems.add(key + ": declare at least one of kv-mounts, lease-prefixes or database-static-roles "
                    + "(nothing is allowed by default)");
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new VaultInstance(address, namespace, auth, policies, kv, leases, roles));
    }

    private static URI address(String key, String text, List<String> problems) {
        if (text == null || text.isBlank()) {
            problems.add(key + ": the Vault address is required, e.g. https://vault.example.com:8200");
            return null;
        }
        try {
            URI uri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            boolean local = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()) && local)
                    || uri.getRawQuery() != null || uri.getRawUserInfo() != null
                    || uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
                problems.add(key + ": '" + text + "' is not a Vault address: https://host[:port] (plain http only "
                        + "for localhost)");
                return null;
            }
            return uri;
        } catch (IllegalArgumentException e) {
            problems.add(key + ": '" + text + "' is not a URL");
            return null;
        }
    }

    private static VaultInstance.Auth auth(String key, Map<String, Object> raw, List<String> problems) {
        if (raw == null || raw.isEmpty()) {
            problems.add(key + ": how the server logs in is required (method: kubernetes, approle or token)");
            return null;
        }
        raw.keySet().stream().filter(k -> !AUTH_KEYS.contains(k)).sorted()
                .forEach(k -> problems.add(key + "." + k + ": unknown key"));
        String method = text(raw.get("method"));
        String mount = Optional.ofNullable(text(raw.get("mount"))).orElse(method);
        if (method != null && mount != null && !mount.matches(VaultAction.MOUNT)) {
            problems.add(key + ".mount: '" + mount + "' is not an auth mount path");
            return null;
        }
        switch (method == null ? "" : method) {
            case "kubernetes" -> {
                String role = text(raw.get("role"));
                if (role == null || !role.matches(VaultAction.ROLE)) {
                    problems.add(key + ".role: the Kubernetes auth role is required");
                    return null;
                }
                String jwt = Optional.ofNullable(text(raw.get("jwt-path"))).orElse(DEFAULT_JWT_PATH);
                if (!Path.of(jwt).isAbsolute()) {
                    problems.add(key + ".jwt-path: an absolute path is required");
                    return null;
                }
                return new VaultInstance.Kubernetes(mount, role, Path.of(jwt));
            }
            case "approle" -> {
                int before = problems.size();
                Optional<SecretRef> roleId = InventoryChecks.secret(key + ".role-id", text(raw.get("role-id")), problems);
                Optional<SecretRef> secretId = InventoryChecks.secret(key + ".secret-id", text(raw.get("secret-id")),
                        problems);
                if (roleId.isEmpty() && problems.size() == before) {
                    problems.add(key + ".role-id: the AppRole role id reference is required (env:… or file:…)");
                }
                if (secretId.isEmpty() && problems.size() == before) {
                    problems.add(key + ".secret-id: the AppRole secret id reference is required (env:… or file:…)");
                }
                return problems.size() > before ? null : new VaultInstance.AppRole(mount, roleId.get(), secretId.get());
            }
            case "token" -> {
                int before = problems.size();
                Optional<SecretRef> token = InventoryChecks.secret(key + ".token", text(raw.get("token")), problems);
                if (token.isEmpty() && problems.size() == before) {
                    problems.add(key + ".token: the token reference is required (env:… or file:…)");
                }
                return token.<VaultInstance.Auth>map(VaultInstance.Token::new).orElse(null);
            }
            default -> {
                problems.add(key + ".method: '" + (method == null ? "" : method)
                        + "' is not one of kubernetes, approle, token");
                return null;
            }
        }
    }

    private static Map<String, List<String>> kvMounts(String key, Map<String, Object> raw, List<String> problems) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        // Micronaut may hand a nested mount (kv/team-a) back as nested maps, and a list as secret[0], secret[1]
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", raw, flat);
        Map<String, List<String>> lists = new LinkedHashMap<>();
        flat.forEach((name, value) -> {
            java.util.regex.Matcher indexed = INDEXED.matcher(name);
            String mount = indexed.matches() ? indexed.group(1) : name;
            List<String> into = lists.computeIfAbsent(mount, m -> new ArrayList<>());
            if (value instanceof Collection<?> c) {
                c.forEach(v -> into.add(String.valueOf(v)));
            } else if (value != null) {
                into.addAll(List.of(String.valueOf(value).split(",")));
            }
        });
        lists.forEach((mount, list) -> {
            if (!mount.matches(VaultAction.MOUNT)) {
                problems.add(key + ": '" + mount + "' is not a KV mount path");
                return;
            }
            List<String> prefixes = prefixes(key + "." + mount, list.stream().distinct().toList(), VaultAction.KV_PATH,
                    problems);
            if (prefixes.isEmpty()) {
                problems.add(key + "." + mount + ": list the path prefixes steps may name, e.g. [app/]");
            } else {
                out.put(mount, prefixes);
            }
        });
        return out;
    }

    private static void flatten(String prefix, Map<?, ?> raw, Map<String, Object> out) {
        raw.forEach((k, v) -> {
            String name = prefix.isEmpty() ? String.valueOf(k) : prefix + "/" + k;
            if (v instanceof Map<?, ?> m) {
                flatten(name, m, out);
            } else {
                out.put(name, v);
            }
        });
    }

    private static List<String> prefixes(String key, List<String> raw, String pattern, List<String> problems) {
        List<String> out = new ArrayList<>();
        for (String p : raw == null ? List.<String>of() : raw) {
            String t = p == null ? "" : p.strip();
            String bare = t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
            if (bare.isEmpty() || !bare.matches(pattern)) {
                problems.add(key + ": '" + t + "' is not a path prefix (segments of letters, digits, . _ -)");
            } else {
                out.add(bare + "/");
            }
        }
        return out;
    }

    private static List<String> names(String key, List<String> raw, String pattern, List<String> problems) {
        List<String> out = new ArrayList<>();
        for (String n : raw == null ? List.<String>of() : raw) {
            if (n == null || !n.matches(pattern)) {
                problems.add(key + ": '" + n + "' is not a policy name");
            } else {
                out.add(n);
            }
        }
        return out;
    }

    private static String text(Object value) {
        return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value).strip();
    }
}
