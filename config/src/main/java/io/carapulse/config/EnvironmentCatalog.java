package io.carapulse.config;

import io.carapulse.api.auth.Role;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.naming.NameUtils;
import io.micronaut.core.value.PropertyCatalog;
import io.micronaut.core.value.PropertyResolver;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The configured environments, validated once at start-up. A server with an invalid environment
 * does not start: it stops with one message listing every problem and the key to fix. An environment
 * is its policy ({@link EnvironmentProperties}, the keys every environment has) and its inventory: the
 * part each tool family's {@link InventorySection} loads from its own key.
 */
@Context
public class EnvironmentCatalog {

    /** Where environments are configured: {@code carapulse.environments.<name>.…}. */
    public static final String PREFIX = "carapulse.environments";

    /** Approval providers this build knows. */
    public static final Set<String> KNOWN_APPROVAL_PROVIDERS = ApprovalRoutingValidation.KNOWN_PROVIDERS;

    /** The keys every environment has, as written in configuration: {@code request-roles}, … */
    static final Set<String> CENTRAL_KEYS = Arrays.stream(EnvironmentProperties.class.getRecordComponents())
            .map(c -> NameUtils.hyphenate(c.getName())).filter(k -> !k.equals("name"))
            .collect(Collectors.toUnmodifiableSet());

    private final Map<String, Environment> environments;

    /** Environments without any tool family's section (and no check of the keys as written). */
    public EnvironmentCatalog(Collection<EnvironmentProperties> properties) {
        this(properties, List.of());
    }

    /** Environments whose inventories the {@code sections} load (no check of the keys as written). */
    public EnvironmentCatalog(Collection<EnvironmentProperties> properties, List<InventorySection<?>> sections) {
        this(properties, sections, (PropertyResolver) null, null);
    }

    /**
     * @param properties    each environment's central keys
     * @param sections      the tool families' sections, in any order; may be empty
     * @param configuration the configuration as written, to refuse a key under an environment that no
     *                      one reads (a typo such as {@code kubernets:}); {@code null} to skip that check
     * @param cron          the check of maintenance windows' cron expressions; {@code null} checks only
     *                      that one is given (a process that does not evaluate windows)
     */
    @Inject
    public EnvironmentCatalog(Collection<EnvironmentProperties> properties, List<InventorySection<?>> sections,
                              io.micronaut.context.env.Environment configuration, @Nullable CronCheck cron) {
        this(properties, sections, (PropertyResolver) configuration, cron);
    }

    /** Environments checked with {@code cron}, without inventory sections or a check of the keys as written. */
    public EnvironmentCatalog(Collection<EnvironmentProperties> properties, CronCheck cron) {
        this(properties, List.of(), (PropertyResolver) null, cron);
    }

    private EnvironmentCatalog(Collection<EnvironmentProperties> properties, List<InventorySection<?>> sections,
                               PropertyResolver configuration, CronCheck cron) {
        List<String> problems = new ArrayList<>();
        List<InventorySection<?>> ordered = ordered(sections, problems);
        Map<String, Environment> byName = new LinkedHashMap<>();
        properties.stream()
                .sorted(Comparator.comparing(EnvironmentProperties::name))
                .forEach(p -> {
                    if (configuration != null) {
                        unknownKeys(p.name(), ordered, configuration, problems);
                    }
                    toEnvironment(p, ordered, cron, problems).ifPresent(e -> byName.put(e.name(), e));
                });
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

    private static Optional<Environment> toEnvironment(EnvironmentProperties p, List<InventorySection<?>> sections,
                                                       CronCheck cron, List<String> problems) {
        String key = PREFIX + "." + p.name();
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
        GuardRails guardRails = GuardRailsValidation.guardRails(key, p.guardRails(), cron, problems);
        List<InventoryPart> parts = new ArrayList<>();
        for (InventorySection<?> section : sections) {
            section.load(p.name(), problems).ifPresent(parts::add);
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        breakGlass.add(Role.ADMIN); // break-glass always needs an admin (S3)
        return Optional.of(new Environment(p.name(), p.description() == null ? "" : p.description(),
                new Environment.Policy(request, approve, execute, p.selfApproval(), p.breakGlassAllowed(),
                        breakGlass, ttl, providers, pagerDuty), new Inventory(parts), guardRails));
    }

    /**
     * The sections by key, so every environment's parts (and what people and the model read of them)
     * come in the same order whatever order the beans came in; a key claimed twice, or by a section and
     * the central keys, is a problem.
     */
    private static List<InventorySection<?>> ordered(List<InventorySection<?>> sections, List<String> problems) {
        Set<String> keys = new TreeSet<>();
        for (InventorySection<?> s : sections) {
            if (CENTRAL_KEYS.contains(s.key()) || !keys.add(s.key())) {
                problems.add(PREFIX + ".<environment>." + s.key() + ": claimed by more than one part of the server");
            }
        }
        return sections.stream().sorted(Comparator.comparing(InventorySection::key)).toList();
    }

    /**
     * A key under the environment that neither the central keys nor any section reads, so it would be
     * silently ignored. Only keys as written in files, {@code --key=value} arguments and system
     * properties are checked: an environment variable's name does not say where its words split
     * ({@code CARAPULSE_ENVIRONMENTS_DEV_EU_SELF_APPROVAL}), so variables are not.
     */
    private static void unknownKeys(String environment, List<InventorySection<?>> sections,
                                    PropertyResolver configuration, List<String> problems) {
        Set<String> known = new TreeSet<>(CENTRAL_KEYS);
        sections.forEach(s -> known.add(s.key()));
        String key = PREFIX + "." + environment;
        new TreeSet<>(configuration.getPropertyEntries(key, PropertyCatalog.RAW)).stream()
                .map(entry -> NameUtils.hyphenate(entry.replaceFirst("\\[.*", "")))
                .distinct()
                .filter(entry -> !known.contains(entry))
                .forEach(entry -> problems.add(key + "." + entry + ": unknown key (known: " + known + ")"));
        String guardRails = key + ".guard-rails";
        new TreeSet<>(configuration.getPropertyEntries(guardRails, PropertyCatalog.RAW)).stream()
                .map(entry -> NameUtils.hyphenate(entry.replaceFirst("\\[.*", "")))
                .distinct()
                .filter(entry -> !GuardRailsValidation.KEYS.contains(entry))
                .forEach(entry -> problems.add(guardRails + "." + entry + ": unknown key (known: "
                        + new TreeSet<>(GuardRailsValidation.KEYS) + ")"));
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
