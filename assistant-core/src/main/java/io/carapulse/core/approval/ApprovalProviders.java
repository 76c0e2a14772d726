package io.carapulse.core.approval;

import io.carapulse.api.approval.ApprovalProvider;
import io.carapulse.api.approval.DecisionSource;
import io.carapulse.api.approval.OnCallDirectory;
import io.carapulse.config.ConfigurationException;
import io.carapulse.config.Environment;
import io.carapulse.config.EnvironmentCatalog;
import io.micronaut.context.annotation.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The approval providers this server has, by name, checked against the environments when the server
 * starts: an environment that routes to a provider that is not configured (no Linear API key, no
 * PagerDuty routing key, an on-call rule without a PagerDuty API token) stops the server with a
 * message naming the setting.
 */
@Context
public class ApprovalProviders {

    private final Map<String, ApprovalProvider> providers = new LinkedHashMap<>();
    private final Map<String, DecisionSource> sources = new LinkedHashMap<>();
    private final Optional<OnCallDirectory> onCall;

    public ApprovalProviders(List<ApprovalProvider> all, List<DecisionSource> decisionSources,
                             Optional<OnCallDirectory> onCall, EnvironmentCatalog environments,
                             Optional<io.carapulse.approvals.pagerduty.PagerDutyConfiguration> pagerDuty) {
        all.forEach(p -> providers.put(p.name(), p));
        decisionSources.forEach(s -> sources.put(s.name(), s));
        this.onCall = onCall;
        List<String> problems = new ArrayList<>();
        for (Environment env : environments.all()) {
            String key = "carapulse.environments." + env.name();
            for (String name : env.policy().approvalProviders()) {
                if (!providers.containsKey(name)) {
                    problems.add(key + ".approvals: '" + name + "' is not configured (set carapulse.approvals."
                            + name + ".*; see docs/approvals.md)");
                }
            }
            Environment.PagerDuty pd = env.policy().pagerDuty();
            boolean hasToken = pagerDuty.map(c -> c.apiTokenRef() != null).orElse(false);
            if (pd.onCall().isPresent() && !hasToken) {
                problems.add(key + ".pagerduty: the on-call rule needs carapulse.approvals.pagerduty.api-token");
            }
            boolean hasKey = pd.routingKey().isPresent() || pagerDuty.map(c -> c.routingKeyRef() != null).orElse(false);
            if (env.policy().routesTo("pagerduty") && !hasKey) {
                problems.add(key + ".pagerduty.routing-key (or carapulse.approvals.pagerduty.routing-key) is needed to page");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException("invalid approval configuration: " + String.join("; ", problems));
        }
    }

    public Optional<ApprovalProvider> provider(String name) {
        return Optional.ofNullable(providers.get(name));
    }

    public Optional<DecisionSource> source(String name) {
        return Optional.ofNullable(sources.get(name));
    }

    public List<DecisionSource> sources() {
        return List.copyOf(sources.values());
    }

    public Optional<OnCallDirectory> onCall() {
        return onCall;
    }
}
