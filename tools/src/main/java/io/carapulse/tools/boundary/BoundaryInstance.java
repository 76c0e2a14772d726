package io.carapulse.tools.boundary;

import io.carapulse.config.InventoryPart;
import io.carapulse.config.SecretRef;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Boundary of an environment ({@code carapulse.environments.<env>.boundary}): where boundary steps go,
 * the account the server logs in with, and the only scopes, targets and roles steps may name (S6).
 *
 * @param address      the controller's API base, without a trailing slash
 * @param authMethodId the password auth method ({@code ampw_…})
 * @param loginName    the account's login name
 * @param password     the account's password
 * @param scopes       the scope ids steps may read and act in
 * @param targets      the targets steps may touch, by id or by name
 * @param roles        the role ids through which access may be granted
 */
public record BoundaryInstance(URI address, String authMethodId, String loginName, SecretRef password,
                               Set<String> scopes, Set<String> targets, Set<String> roles) implements InventoryPart {

    public BoundaryInstance {
        scopes = Set.copyOf(scopes);
        targets = Set.copyOf(targets);
        roles = Set.copyOf(roles);
    }

    /** Whether {@code target} (an id or a name) is one the environment declares. */
    public boolean declaresTarget(String target) {
        return targets.contains(target);
    }

    /** Scopes, targets and roles: never the address's credentials, the login or the password. */
    @Override
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("Boundary (the runtime adds the controller and logs in); scopes: " + sorted(scopes)
                + "; targets: " + sorted(targets));
        lines.add("Boundary roles through which access may be granted: "
                + (roles.isEmpty() ? "none" : sorted(roles)));
        return lines;
    }

    private static String sorted(Set<String> values) {
        return String.join(", ", new TreeSet<>(values));
    }
}
