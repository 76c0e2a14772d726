package io.carapulse.tools.argocd;

import io.carapulse.tools.family.InventoryNames;

import io.carapulse.config.InventoryChecks;
import io.carapulse.config.InventorySection;
import io.carapulse.config.SecretRef;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code carapulse.environments.<env>.argocd}: an environment's Argo CD, checked at start-up. */
@Singleton
public final class ArgoCdSection implements InventorySection<ArgoCdInstance> {

    /** The section's key under an environment. */
    public static final String KEY = "argocd";

    private final Map<String, ArgoCdProperties.Server> servers;

    public ArgoCdSection(Collection<ArgoCdProperties> properties) {
        this.servers = properties.stream().filter(p -> p.argocd() != null)
                .collect(Collectors.toMap(ArgoCdProperties::name, ArgoCdProperties::argocd));
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public Class<ArgoCdInstance> type() {
        return ArgoCdInstance.class;
    }

    @Override
    public Optional<ArgoCdInstance> load(String environment, List<String> problems) {
        ArgoCdProperties.Server a = servers.get(environment);
        if (a == null) {
            return Optional.empty();
        }
        String key = InventoryChecks.key(environment, KEY);
        int before = problems.size();
        if (a.server() == null || a.server().isBlank() || a.server().startsWith("-")) {
            problems.add(key + ".server: the Argo CD server is required, e.g. argocd.example.com:443");
        }
        Optional<SecretRef> token = InventoryChecks.secret(key + ".token", a.token(), problems);
        if (token.isEmpty() && problems.size() == before) {
            problems.add(key + ".token: the Argo CD token is required (env:… or file:…)");
        }
        Set<String> projects = InventoryNames.dnsLabels(key + ".projects", a.projects(), problems);
        if (projects.isEmpty()) {
            problems.add(key + ".projects: list the Argo CD projects steps may touch (nothing is allowed by default)");
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new ArgoCdInstance(a.server(), token.orElseThrow(), projects));
    }
}
