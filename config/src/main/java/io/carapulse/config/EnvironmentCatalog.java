package io.carapulse.config;

import io.carapulse.api.auth.Role;
import io.micronaut.context.annotation.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configured environments, validated once at start-up. A server with an invalid environment
 * does not start: it stops with one message listing every problem and the key to fix.
 */
@Context
public class EnvironmentCatalog {

    /** Approval providers this build knows. */
    public static final Set<String> KNOWN_APPROVAL_PROVIDERS = ApprovalRoutingValidation.KNOWN_PROVIDERS;

    private final Map<String, Environment> environments;

    public EnvironmentCatalog(Collection<EnvironmentProperties> properties) {
        List<String> problems = new ArrayList<>();
        Map<String, Environment> byName = new LinkedHashMap<>();
        properties.stream()
                .sorted(Comparator.comparing(EnvironmentProperties::name))
                .forEach(p -> toEnvironment(p, problems).ifPresent(e -> byName.put(e.name(), e)));
        if (!problems.isEmpty()) {
            throw new ConfigurationException("invalid environment configuration: " + String.join("; ", problems));
        }
        this.environments = Map.copyOf(byName);
    }

    public Optional<Environment> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(environments.get(name));
    }

    /** Environments in name order. */
    public List<Environment> all() {
        return environments.values().stream().sorted(Comparator.comparing(Environment::name)).toList();
    }

    private static Optional<Environment> toEnvironment(EnvironmentProperties p, List<String> problems) {
        String key = "carapulse.environments." + p.name();
        int before = problems.size();
        if (!p.name().matches("[a-z][a-z0-9-]{0,62}")) {
            problems.add(key + ": an environment name is lower-case letters, digits and '-'");
        }
        Set<Role> request = roles(key + ".request-roles", p.requestRoles(), problems);
        Set<Role> approve = roles(key + ".approve-roles", p.approveRoles(), problems);
        Set<Role> execute = roles(key + ".execute-roles", p.executeRoles(), problems);
        Set<Role> breakGlass = roles(key + ".break-glass-roles", p.breakGlassRoles(), problems);
        if (breakGlass.stream().anyMatch(r -> r != Role.ADMIN)) {
            problems.add(key + ".break-glass-roles: break-glass always needs an admin (S3); only [admin] is allowed");
        }
        if (p.selfApproval() && !isDevelopment(p.name())) {
            problems.add(key + ".self-approval: only a development environment (named 'dev' or 'dev-…') may let "
                    + "requesters approve their own plans (S3)");
        }
        Duration ttl = p.approvalTtl();
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            problems.add(key + ".approval-ttl: must be a positive duration such as 24h");
        }
        List<String> providers = ApprovalRoutingValidation.providers(key, p.approvals(), problems);
        Environment.PagerDuty pagerDuty = ApprovalRoutingValidation.pagerDuty(key, p.pagerduty(), providers, problems);
        Inventory inventory = InventoryValidation.validate(key, p, problems);
        if (problems.size() > before) {
            return Optional.empty();
        }
        breakGlass.add(Role.ADMIN); // break-glass always needs an admin (S3)
        return Optional.of(new Environment(p.name(), p.description() == null ? "" : p.description(),
                new Environment.Policy(request, approve, execute, p.selfApproval(), p.breakGlassAllowed(),
                        breakGlass, ttl, providers, pagerDuty), inventory));
    }

    /** Environments where one person may run the whole loop: {@code dev}, {@code dev-<anything>}. */
    static boolean isDevelopment(String name) {
        return name.equals("dev") || name.startsWith("dev-");
    }

    private static Set<Role> roles(String key, List<String> names, List<String> problems) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String n : names == null ? List.<String>of() : names) {
            Role.fromConfig(n).ifPresentOrElse(roles::add,
                    () -> problems.add(key + ": unknown role '" + n + "' (viewer, operator, approver, admin)"));
        }
        return roles;
    }
}
