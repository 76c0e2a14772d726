package io.carapulse.tools.helm;

import io.carapulse.tools.family.InventoryNames;

import io.carapulse.config.InventoryChecks;
import io.carapulse.config.SecretRef;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks of the {@code helm} block of an environment ({@link HelmSection}): its chart sources
 * ({@code chart-repositories}, {@code oci-registries}) and its values repository ({@code values-repo},
 * {@code values-ref}, {@code values-token}). Every part is optional; what is there must be safe to hand to helm and git.
 */
final class HelmValidation {

    /** A Git branch or tag as {@code helm.values-ref} may name it; never an option. */
    static final String GIT_REF = "(?!-)[A-Za-z0-9._/-]{1,100}";

    /**
     * An OCI registry prefix: {@code oci://host[:port][/path]} in lower case, the shape the Helm
     * adapter accepts for an {@code oci://} chart minus its last segment.
     */
    static final String OCI_PREFIX = "oci://[a-z0-9][-a-z0-9.]{0,252}(?::[0-9]{1,5})?(?:/[a-z0-9][-a-z0-9._]{0,127}){0,15}";

    private static final Set<String> REPOSITORY_KEYS = Set.of("name", "url", "username", "password");
    private static final Set<String> REGISTRY_KEYS = Set.of("prefix", "username", "password");

    private HelmValidation() {
    }

    static Optional<HelmInventory.Values> values(String key, HelmProperties.Sources h, List<String> problems) {
        if (h == null) {
            return Optional.empty();
        }
        int before = problems.size();
        String ref = h.valuesRef() == null || h.valuesRef().isBlank() ? "main" : h.valuesRef();
        if (!ref.matches(GIT_REF)) {
            problems.add(key + ".values-ref: '" + ref + "' is not a branch or tag name (letters, digits, '.', '_', "
                    + "'/', '-'; at most 100; not starting with '-')");
        }
        Optional<SecretRef> token = InventoryChecks.secret(key + ".values-token", h.valuesToken(), problems);
        if (h.valuesRepo() == null || h.valuesRepo().isBlank()) {
            if (h.valuesToken() != null && !h.valuesToken().isBlank()) {
                problems.add(key + ".values-token: there is no values-repo to use it with; declare "
                        + key + ".values-repo or remove the token");
            }
            return Optional.empty();
        }
        Optional<URI> repo = gitUrl(key + ".values-repo", h.valuesRepo(), problems);
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new HelmInventory.Values(repo.orElseThrow(), ref, token));
    }

    static HelmInventory.Charts charts(String key, HelmProperties.Sources h, List<String> problems) {
        if (h == null) {
            return HelmInventory.Charts.NONE;
        }
        List<HelmInventory.ChartRepository> repositories = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<Map<String, Object>> repos = h.chartRepositories() == null ? List.of() : h.chartRepositories();
        for (int i = 0; i < repos.size(); i++) {
            Entry e = Entry.of(key + ".chart-repositories[" + i + "]", repos.get(i), REPOSITORY_KEYS, problems);
            repository(e, names, problems).ifPresent(repositories::add);
        }
        List<HelmInventory.OciRegistry> registries = new ArrayList<>();
        Set<String> prefixes = new HashSet<>();
        List<Map<String, Object>> regs = h.ociRegistries() == null ? List.of() : h.ociRegistries();
        for (int i = 0; i < regs.size(); i++) {
            Entry e = Entry.of(key + ".oci-registries[" + i + "]", regs.get(i), REGISTRY_KEYS, problems);
            registry(e, prefixes, problems).ifPresent(registries::add);
        }
        return new HelmInventory.Charts(repositories, registries);
    }

    private static Optional<HelmInventory.ChartRepository> repository(Entry r, Set<String> names, List<String> problems) {
        int before = problems.size();
        String key = r.key();
        String name = r.get("name");
        if (name == null) {
            problems.add(key + ".name: a chart repository needs a name, used in steps as <name>/<chart>");
        } else if (!name.matches(InventoryNames.DNS_LABEL)) {
            problems.add(key + ".name: '" + name + "' is not a valid name (lower-case letters, digits, '-')");
        } else if (!names.add(name)) {
            problems.add(key + ".name: the chart repository name '" + name + "' is declared twice");
        }
        Optional<String> username = username(key, r.get("username"), r.get("password"), problems);
        Optional<SecretRef> password = InventoryChecks.secret(key + ".password", r.get("password"), problems);
        Optional<URI> url = Optional.empty();
        if (r.get("url") == null) {
            problems.add(key + ".url: a chart repository needs a url, e.g. https://charts.example.com/stable");
        } else {
            url = repositoryUrl(key + ".url", r.get("url"), username.isPresent() || password.isPresent(), problems);
        }
        if (problems.size() > before || r.invalid()) {
            return Optional.empty();
        }
        return Optional.of(new HelmInventory.ChartRepository(name, url.orElseThrow(), username, password));
    }

    private static Optional<HelmInventory.OciRegistry> registry(Entry r, Set<String> prefixes, List<String> problems) {
        int before = problems.size();
        String key = r.key();
        String raw = r.get("prefix");
        String prefix = raw == null ? null : raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
        if (prefix == null) {
            problems.add(key + ".prefix: an OCI registry needs a prefix, e.g. oci://registry.example.com/charts");
        } else if (!prefix.startsWith("oci://")) {
            problems.add(key + ".prefix: '" + prefix + "' must start with oci://, e.g. oci://registry.example.com/charts");
        } else if (!prefix.matches(OCI_PREFIX) || prefix.contains("..")) {
            problems.add(key + ".prefix: '" + prefix + "' is not oci://host[:port][/path] in lower case (letters, "
                    + "digits, '-', '.', '_'; no credentials, no '..')");
        } else if (!prefixes.add(prefix)) {
            problems.add(key + ".prefix: the OCI registry prefix '" + prefix + "' is declared twice");
        }
        Optional<String> username = username(key, r.get("username"), r.get("password"), problems);
        if (username.filter(u -> u.contains(":")).isPresent()) {
            problems.add(key + ".username: an OCI registry user name cannot contain ':'");
        }
        Optional<SecretRef> password = InventoryChecks.secret(key + ".password", r.get("password"), problems);
        if (problems.size() > before || r.invalid()) {
            return Optional.empty();
        }
        return Optional.of(new HelmInventory.OciRegistry(prefix, username, password));
    }

    /** The user name, which needs a password (and a password needs it); never a control character. */
    private static Optional<String> username(String key, String username, String password, List<String> problems) {
        boolean hasUser = username != null && !username.isBlank();
        boolean hasPassword = password != null && !password.isBlank();
        if (hasUser && !hasPassword) {
            problems.add(key + ".password: a username needs a password (env:… or file:…)");
        } else if (hasPassword && !hasUser) {
            problems.add(key + ".username: a password needs a username");
        }
        if (hasUser && username.chars().anyMatch(Character::isISOControl)) {
            problems.add(key + ".username: must not contain control characters");
        }
        return hasUser ? Optional.of(username) : Optional.empty();
    }

    /**
     * A chart repository URL: {@code http(s)://host/…} without user info, query or fragment. A
     * password is never sent over plain http, except to the loopback interface.
     */
    private static Optional<URI> repositoryUrl(String key, String text, boolean credentials, List<String> problems) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            if (!("https".equals(scheme) || "http".equals(scheme)) || uri.getHost() == null) {
                problems.add(key + ": must be an http:// or https:// URL, e.g. https://charts.example.com/stable");
                return Optional.empty();
            }
            if (uri.getRawUserInfo() != null) {
                problems.add(key + ": must not carry credentials; use the entry's username and password");
                return Optional.empty();
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                problems.add(key + ": must not have a query or a fragment");
                return Optional.empty();
            }
            if ("http".equals(scheme) && credentials && !loopback(uri.getHost())) {
                problems.add(key + ": a password would travel in clear text over http://; use https://");
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            problems.add(key + ": not a URL: " + e.getReason());
            return Optional.empty();
        }
    }

    private static boolean loopback(String host) {
        return "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
    }

    /** A Git remote: {@code https://host/…} or {@code file:/…}; nothing that git would run or read as an option. */
    private static Optional<URI> gitUrl(String key, String text, List<String> problems) {
        try {
            URI uri = new URI(text);
            boolean https = "https".equals(uri.getScheme()) && uri.getHost() != null && uri.getUserInfo() == null;
            boolean file = "file".equals(uri.getScheme()) && uri.getHost() == null && uri.getPath() != null
                    && uri.getPath().startsWith("/");
            if (!https && !file) {
                problems.add(key + ": must be an https:// URL without credentials (or file:/… for a local repository)");
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            problems.add(key + ": not a URL: " + e.getReason());
            return Optional.empty();
        }
    }

    /**
     * One list entry as configuration gives it (a map): its string values by key, blank ones absent. A
     * key outside {@code known} (a typo such as {@code passwd}) or a value that is not a scalar is a
     * problem naming the key, so a credential is never silently ignored.
     */
    private record Entry(String key, Map<String, String> values, boolean invalid) {

        static Entry of(String key, Map<String, Object> raw, Set<String> known, List<String> problems) {
            Map<String, String> values = new HashMap<>();
            boolean invalid = false;
            for (Map.Entry<String, Object> e : (raw == null ? Map.<String, Object>of() : raw).entrySet()) {
                String name = e.getKey();
                if (!known.contains(name)) {
                    problems.add(key + "." + name + ": unknown key (known: " + known.stream().sorted().toList() + ")");
                    invalid = true;
                } else if (e.getValue() instanceof Map<?, ?> || e.getValue() instanceof Iterable<?>) {
                    problems.add(key + "." + name + ": must be a single value");
                    invalid = true;
                } else if (e.getValue() != null && !e.getValue().toString().isBlank()) {
                    values.put(name, e.getValue().toString());
                }
            }
            return new Entry(key, values, invalid);
        }

        String get(String name) {
            return values.get(name);
        }
    }
}
