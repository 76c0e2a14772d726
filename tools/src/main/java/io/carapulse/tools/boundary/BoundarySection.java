package io.carapulse.tools.boundary;

import io.carapulse.config.InventoryChecks;
import io.carapulse.config.InventorySection;
import io.carapulse.config.SecretRef;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** {@code carapulse.environments.<env>.boundary}: an environment's Boundary, checked at start-up. */
@Singleton
public final class BoundarySection implements InventorySection<BoundaryInstance> {

    /** The section's key under an environment. */
    public static final String KEY = "boundary";

    private final Map<String, BoundaryProperties.Controller> controllers;

    public BoundarySection(Collection<BoundaryProperties> properties) {
        this.controllers = properties.stream().filter(p -> p.boundary() != null)
                .collect(Collectors.toMap(BoundaryProperties::name, BoundaryProperties::boundary));
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public Class<BoundaryInstance> type() {
        return BoundaryInstance.class;
    }

    @Override
    public Optional<BoundaryInstance> load(String environment, List<String> problems) {
        BoundaryProperties.Controller b = controllers.get(environment);
        if (b == null) {
            return Optional.empty();
        }
        String key = InventoryChecks.key(environment, KEY);
        int before = problems.size();
        URI address = address(key + ".address", b.address(), problems);
        if (b.authMethodId() == null || !b.authMethodId().matches(BoundaryIds.PASSWORD_AUTH_METHOD)) {
            problems.add(key + ".auth-method-id: the id of a password auth method is required, e.g. ampw_1234567890");
        }
        if (b.loginName() == null || b.loginName().isBlank() || b.loginName().length() > 256) {
            problems.add(key + ".login-name: the login name of the account the server uses is required");
        }
        int beforePassword = problems.size();
        Optional<SecretRef> password = InventoryChecks.secret(key + ".password", b.password(), problems);
        if (password.isEmpty() && problems.size() == beforePassword) {
            problems.add(key + ".password: the account's password is required (env:… or file:…)");
        }
        Set<String> scopes = ids(key + ".scopes", b.scopes(), BoundaryIds.SCOPE, "scope ids (global, o_…, p_…)",
                problems);
        if (scopes.isEmpty()) {
            problems.add(key + ".scopes: list the scope ids steps may work in (nothing is allowed by default)");
        }
        Set<String> targets = ids(key + ".targets", b.targets(), BoundaryIds.TARGET,
                "target ids (ttcp_…) or names (letters, digits, . _ -)", problems);
        if (targets.isEmpty()) {
            problems.add(key + ".targets: list the targets steps may touch, by id or name (nothing is allowed by "
                    + "default)");
        }
        Set<String> roles = ids(key + ".roles", b.roles(), BoundaryIds.ROLE, "role ids (r_…)", problems);
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new BoundaryInstance(address, b.authMethodId(), b.loginName(), password.orElseThrow(),
                scopes, targets, roles));
    }

    private static URI address(String key, String text, List<String> problems) {
        if (text == null || text.isBlank()) {
            problems.add(key + ": the controller's address is required, e.g. https://boundary.example.com");
            return null;
        }
        URI uri;
        try {
            uri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (IllegalArgumentException e) {
            problems.add(key + ": not a URL: " + text);
            return null;
        }
        String host = uri.getHost();
        boolean local = "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
        if (host == null || uri.getQuery() != null || uri.getUserInfo() != null
                || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()) && local)) {
            problems.add(key + ": use an https:// URL without credentials or query (plain http only for a local "
                    + "controller): " + (uri.getUserInfo() != null ? "(not shown: it carries credentials)" : text));
            return null;
        }
        return uri;
    }

    private static Set<String> ids(String key, List<String> values, String pattern, String what,
                                   List<String> problems) {
        Pattern p = Pattern.compile(pattern);
        Set<String> out = new LinkedHashSet<>();
        for (String v : values == null ? List.<String>of() : values) {
            if (v == null || v.isBlank()) {
                continue;
            }
            String s = v.strip();
            if (!p.matcher(s).matches()) {
                problems.add(key + ": " + s + " is not one of " + what);
            } else {
                out.add(s);
            }
        }
        return out;
    }
}
