package io.carapulse.core.policy;

import io.carapulse.api.auth.Role;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolAdapter;
import io.carapulse.config.ConfigurationException;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.config.EnvironmentProperties;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.AuthKind;
import io.carapulse.core.broker.integration.Provider;
import io.carapulse.core.tool.ToolRegistry;
import io.micronaut.context.annotation.Context;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Capabilities, the unit of policy (issue 18): per environment, {@code carapulse.environments.<name>.capabilities}
 * grants {@code credentials:<provider>} (taking a credential from the broker without a plan) and
 * {@code <tool>.<action>} or {@code <tool>.*} (a step of a plan) to roles ({@code role:operator}) and
 * principals ({@code token:<name>}, an API or agent token by its name; {@code oidc:<sub>}, a person or an external
 * agent signed in through OIDC; {@code runbook:<name>}, a runbook acting as an agent for the plans its runs make, whoever
 * triggers them, as long as their steps are the runbook's). Checked at start-up against the
 * installed tools and the broker's providers: a typo stops the server with one line naming the key.
 *
 * <p>Nobody holds {@code credentials:<provider>} unless granted. An environment that grants any tool
 * capability requires one for every step of a plan, to create it and to execute it; an environment that
 * grants none governs plans by roles alone, as before.
 */
@Context
public class Capabilities {

    static final String CREDENTIALS = "credentials:";
    private static final Set<String> ENTRY_KEYS = Set.of("grant", "to");
    private static final String TOKEN_NAME = "[A-Za-z0-9._-]{1,100}";
    private static final String RUNBOOK_NAME = "[a-z0-9][a-z0-9-]{0,62}";
    private static final String GRANTEES = "role:<role>, token:<name>, oidc:<sub> or runbook:<name>";

    private final Map<String, List<Grant>> byEnvironment;

    /** One capability granted to one grantee. */
    record Grant(String capability, String grantee) {

        boolean covers(String wanted) {
            return capability.equals(wanted)
                    || capability.endsWith(".*") && wanted.startsWith(capability.substring(0, capability.length() - 1))
                    && !wanted.startsWith(CREDENTIALS);
        }

        boolean heldBy(Actor actor) {
            int colon = grantee.indexOf(':');
            String kind = grantee.substring(0, colon);
            String value = grantee.substring(colon + 1);
            return switch (kind) {
                case "role" -> Role.fromConfig(value).map(actor::has).orElse(false);
                case "token" -> (actor.kind() == AuthKind.API_TOKEN || actor.kind() == AuthKind.AGENT)
                        && actor.id().startsWith("token:") && actor.name().equals(value);
                case "oidc" -> actor.id().equals("oidc:" + value);
                default -> false;
            };
        }

        /** Whether this grant names {@code agent} ({@code runbook:<name>}) itself. */
        boolean heldByAgent(String agent) {
            return agent != null && grantee.startsWith("runbook:") && grantee.equals(agent);
        }

        boolean tool() {
            return !capability.startsWith(CREDENTIALS);
        }
    }

    @Inject
    public Capabilities(Collection<EnvironmentProperties> environments, ToolRegistry tools) {
        List<String> problems = new ArrayList<>();
        Map<String, List<Grant>> parsed = new TreeMap<>();
        environments.stream().sorted(Comparator.comparing(EnvironmentProperties::name)).forEach(p ->
                parsed.put(p.name(), parse(EnvironmentCatalog.PREFIX + "." + p.name() + ".capabilities",
                        p.capabilities(), tools, problems)));
        if (!problems.isEmpty()) {
            throw new ConfigurationException("invalid environment configuration: " + String.join("; ", problems));
        }
        this.byEnvironment = Map.copyOf(parsed);
    }

    /** Whether {@code actor} holds {@code capability} ({@code credentials:github}, {@code github.pr-merge}) in {@code environment}. */
    public boolean holds(Actor actor, String environment, String capability) {
        return grants(environment).stream().anyMatch(g -> g.covers(capability) && g.heldBy(actor));
    }

    /** Whether {@code environment} grants any tool capability, and so requires one for every step. */
    public boolean governsTools(String environment) {
        return grants(environment).stream().anyMatch(Grant::tool);
    }

    /**
     * The first of {@code steps} ({@code tool.action}, in order) that {@code actor} may not run in
     * {@code environment}: its position (1-based) and capability; empty when the environment governs no
     * tools or every step is held.
     */
    public Optional<Missing> missing(Actor actor, String environment, List<String> steps) {
        return missing(actor, null, environment, steps);
    }

    /**
     * {@link #missing(Actor, String, List)} for a plan that acts as {@code agent} ({@code runbook:<name>}, the runbook
     * that made it; null for none): a step is held when {@code actor} or {@code agent} holds its capability.
     */
    public Optional<Missing> missing(Actor actor, String agent, String environment, List<String> steps) {
        if (!governsTools(environment)) {
            return Optional.empty();
        }
        for (int i = 0; i < steps.size(); i++) {
            String wanted = steps.get(i);
            if (!holds(actor, environment, wanted)
                    && grants(environment).stream().noneMatch(g -> g.covers(wanted) && g.heldByAgent(agent))) {
                return Optional.of(new Missing(i + 1, steps.get(i)));
            }
        }
        return Optional.empty();
    }

    /** A step the actor lacks the capability for. */
    public record Missing(int step, String capability) {

        /** The refusal's detail: names the step and the capability. */
        public String detail(String environment) {
            return "step " + step + " (" + capability + ") needs the capability " + capability + " in '" + environment
                    + "', which you do not hold";
        }

        public ProblemCode code() {
            return ProblemCode.FORBIDDEN;
        }
    }

    private List<Grant> grants(String environment) {
        return environment == null ? List.of() : byEnvironment.getOrDefault(environment, List.of());
    }

    private static List<Grant> parse(String key, List<Map<String, Object>> raw, ToolRegistry tools, List<String> problems) {
        List<Grant> grants = new ArrayList<>();
        if (raw == null) {
            return grants;
        }
        for (int i = 0; i < raw.size(); i++) {
            String k = key + "[" + i + "]";
            Map<String, Object> entry = raw.get(i) == null ? Map.of() : raw.get(i);
            List<String> unknown = entry.keySet().stream().filter(n -> !ENTRY_KEYS.contains(n)).sorted().toList();
            if (!unknown.isEmpty()) {
                problems.add(k + "." + unknown.get(0) + ": unknown key (known: [grant, to])");
                continue;
            }
            Object grant = entry.get("grant");
            if (!(grant instanceof CharSequence) || grant.toString().isBlank()) {
                problems.add(k + ".grant: required: credentials:<provider>, <tool>.<action> or <tool>.*");
                continue;
            }
            String capability = grant.toString().strip();
            Optional<String> wrong = checkCapability(capability, tools);
            if (wrong.isPresent()) {
                problems.add(k + ".grant: " + wrong.get());
                continue;
            }
            List<String> grantees = grantees(k + ".to", entry.get("to"), problems);
            if (capability.startsWith(CREDENTIALS) && grantees.stream().anyMatch(g -> g.startsWith("runbook:"))) {
                problems.add(k + ".to: a runbook takes no credential itself, only through its plans' steps; grant it"
                        + " <tool>.<action> or <tool>.* instead of " + capability);
                continue;
            }
            grantees.forEach(g -> grants.add(new Grant(capability, g)));
        }
        return List.copyOf(grants);
    }

    private static Optional<String> checkCapability(String capability, ToolRegistry tools) {
        if (capability.startsWith(CREDENTIALS)) {
            String provider = capability.substring(CREDENTIALS.length());
            return Provider.fromWire(provider).isPresent() ? Optional.empty()
                    : Optional.of("unknown provider '" + provider + "' (known: " + providers() + ")");
        }
        int dot = capability.indexOf('.');
        if (dot <= 0 || dot == capability.length() - 1) {
            return Optional.of("'" + capability + "' is not a capability: credentials:<provider>, <tool>.<action> or <tool>.*");
        }
        String tool = capability.substring(0, dot);
        String action = capability.substring(dot + 1);
        Optional<ToolAdapter> adapter = tools.tool(tool);
        if (adapter.isEmpty()) {
            return Optional.of("unknown tool '" + tool + "' (known: "
                    + tools.all().stream().map(ToolAdapter::name).collect(Collectors.joining(", ")) + ")");
        }
        if (!action.equals("*") && adapter.get().action(action).isEmpty()) {
            return Optional.of("tool '" + tool + "' has no action '" + action + "' (known: " + adapter.get().actions()
                    .stream().map(ToolAction::descriptor).map(d -> d.name()).sorted().collect(Collectors.joining(", ")) + ", *)");
        }
        return Optional.empty();
    }

    private static List<String> grantees(String key, Object raw, List<String> problems) {
        List<Object> items = new ArrayList<>();
        if (raw instanceof Iterable<?> list) {
            list.forEach(items::add);
        } else if (raw instanceof Map<?, ?> indexed) {
            // a list written as to[0], to[1] (properties, arguments) may bind as a map by index
            indexed.entrySet().stream().sorted(Comparator.comparing(e -> String.valueOf(e.getKey())))
                    .forEach(e -> items.add(e.getValue()));
        } else {
            problems.add(key + ": required: a list of " + GRANTEES);
            return List.of();
        }
        if (items.isEmpty()) {
            problems.add(key + ": must not be empty (" + GRANTEES + ")");
        }
        List<String> out = new ArrayList<>();
        for (Object item : items) {
            String g = item == null ? "" : item.toString().strip();
            if (g.startsWith("role:")) {
                if (Role.fromConfig(g.substring(5)).isEmpty()) {
                    problems.add(key + ": unknown role '" + g.substring(5) + "' (viewer, operator, approver, admin)");
                    continue;
                }
            } else if (g.startsWith("token:")) {
                if (!g.substring(6).matches(TOKEN_NAME)) {
                    problems.add(key + ": '" + g + "' is not a token name (1-100 characters of A-Z a-z 0-9 . _ -)");
                    continue;
                }
            } else if (g.startsWith("oidc:")) {
                if (g.length() == 5 || g.length() > 205 || g.chars().anyMatch(Character::isWhitespace)) {
                    problems.add(key + ": '" + g + "' is not an OIDC subject (oidc:<sub>, 1-200 characters)");
                    continue;
                }
            } else if (g.startsWith("runbook:")) {
                if (!g.substring(8).matches(RUNBOOK_NAME)) {
                    problems.add(key + ": '" + g + "' is not a runbook name (a-z 0-9 -, 1-63 characters, not starting with -)");
                    continue;
                }
            } else {
                problems.add(key + ": '" + g + "' is not a grantee: " + GRANTEES);
                continue;
            }
            out.add(g);
        }
        return out;
    }

    private static String providers() {
        return Arrays.stream(Provider.values()).map(Provider::wire).collect(Collectors.joining(", "));
    }
}
