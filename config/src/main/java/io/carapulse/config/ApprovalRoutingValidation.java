package io.carapulse.config;

import io.carapulse.api.approval.OnCallDirectory.OnCallTarget;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks an environment's approval routing: its {@code approvals} list and its {@code pagerduty}
 * block. Whether the named providers are configured globally (API keys, team) is checked by the
 * server, which knows them.
 */
final class ApprovalRoutingValidation {

    /** Approval providers this build knows. */
    static final Set<String> KNOWN_PROVIDERS = Set.of("local", "linear", "pagerduty");
    /** Providers through which a person can decide; an environment needs at least one. */
    static final Set<String> DECIDING_PROVIDERS = Set.of("local", "linear");
    static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");
    /** PagerDuty object ids: upper-case letters and digits. */
    private static final String PAGERDUTY_ID = "[A-Z0-9]{2,20}";

    private ApprovalRoutingValidation() {
    }

    static List<String> providers(String key, List<String> configured, List<String> problems) {
        List<String> providers = configured == null ? List.of() : configured;
        if (providers.isEmpty()) {
            problems.add(key + ".approvals: name at least one approval provider, e.g. [local]");
        }
        Set<String> seen = new HashSet<>();
        for (String provider : providers) {
            if (!KNOWN_PROVIDERS.contains(provider)) {
                problems.add(key + ".approvals: unknown approval provider '" + provider + "' (known: "
                        + String.join(", ", KNOWN_PROVIDERS.stream().sorted().toList()) + ")");
            } else if (!seen.add(provider)) {
                problems.add(key + ".approvals: '" + provider + "' is listed twice");
            }
        }
        if (!providers.isEmpty() && providers.stream().noneMatch(DECIDING_PROVIDERS::contains)) {
            problems.add(key + ".approvals: nobody could decide; add local or linear (pagerduty only pages)");
        }
        return providers;
    }

    static Environment.PagerDuty pagerDuty(String key, EnvironmentProperties.PagerDutyProperties p,
                                           List<String> providers, List<String> problems) {
        if (p == null) {
            return Environment.PagerDuty.NONE;
        }
        String k = key + ".pagerduty";
        Optional<OnCallTarget> onCall = Optional.empty();
        boolean schedule = p.onCallSchedule() != null && !p.onCallSchedule().isBlank();
        boolean policy = p.onCallEscalationPolicy() != null && !p.onCallEscalationPolicy().isBlank();
        if (schedule && policy) {
            problems.add(k + ": set on-call-schedule or on-call-escalation-policy, not both");
        } else if (schedule) {
            onCall = target(k + ".on-call-schedule", OnCallTarget.Kind.SCHEDULE, p.onCallSchedule(), problems);
        } else if (policy) {
            onCall = target(k + ".on-call-escalation-policy", OnCallTarget.Kind.ESCALATION_POLICY,
                    p.onCallEscalationPolicy(), problems);
        }
        Environment.PageWhen page = switch (p.page() == null ? "always" : p.page().toLowerCase(Locale.ROOT)) {
            case "always" -> Environment.PageWhen.ALWAYS;
            case "break-glass" -> Environment.PageWhen.BREAK_GLASS;
            default -> {
                problems.add(k + ".page: '" + p.page() + "' is not always or break-glass");
                yield Environment.PageWhen.ALWAYS;
            }
        };
        String severity = p.severity() == null ? "warning" : p.severity().toLowerCase(Locale.ROOT);
        if (!SEVERITIES.contains(severity)) {
            problems.add(k + ".severity: '" + p.severity() + "' is not one of critical, error, warning, info");
        }
        var routingKey = InventoryChecks.secret(k + ".routing-key", p.routingKey(), problems);
        boolean paging = providers.contains("pagerduty");
        if (!paging && (p.routingKey() != null || !"always".equalsIgnoreCase(String.valueOf(p.page())))) {
            problems.add(k + ": page and routing-key only matter when pagerduty is among " + key + ".approvals");
        }
        return new Environment.PagerDuty(onCall, page, severity, routingKey);
    }

    private static Optional<OnCallTarget> target(String key, OnCallTarget.Kind kind, String id, List<String> problems) {
        if (!id.matches(PAGERDUTY_ID)) {
            problems.add(key + ": '" + id + "' is not a PagerDuty id (upper-case letters and digits, e.g. PABC123)");
            return Optional.empty();
        }
        return Optional.of(new OnCallTarget(kind, id));
    }
}
