package io.carapulse.tools.helm;

import io.carapulse.config.InventoryChecks;
import io.carapulse.config.InventorySection;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code carapulse.environments.<env>.helm}: where an environment's charts and values may come from,
 * checked at start-up ({@link HelmValidation}).
 */
@Singleton
public final class HelmSection implements InventorySection<HelmInventory> {

    /** The section's key under an environment. */
    public static final String KEY = "helm";

    private final Map<String, HelmProperties.Sources> sources;

    public HelmSection(Collection<HelmProperties> properties) {
        this.sources = properties.stream().filter(p -> p.helm() != null)
                .collect(Collectors.toMap(HelmProperties::name, HelmProperties::helm));
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public Class<HelmInventory> type() {
        return HelmInventory.class;
    }

    @Override
    public Optional<HelmInventory> load(String environment, List<String> problems) {
        HelmProperties.Sources h = sources.get(environment);
        if (h == null) {
            return Optional.empty();
        }
        String key = InventoryChecks.key(environment, KEY);
        int before = problems.size();
        Optional<HelmInventory.Values> values = HelmValidation.values(key, h, problems);
        HelmInventory.Charts charts = HelmValidation.charts(key, h, problems);
        return problems.size() > before ? Optional.empty() : Optional.of(new HelmInventory(values, charts));
    }
}
