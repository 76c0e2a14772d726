package io.carapulse.tools.github;

import io.carapulse.config.InventoryChecks;
import io.carapulse.config.InventorySection;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.naming.NameUtils;
import io.micronaut.core.value.PropertyCatalog;
import io.micronaut.core.value.PropertyResolver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code carapulse.environments.<env>.github}: the GitHub host, credentials and repositories an
 * environment's GitHub steps may touch, checked at start-up by {@link GitHubInventoryValidation}. A key
 * under {@code github} that nothing reads is refused naming it, when the configuration as written is at
 * hand (not for keys set only through environment variables).
 */
@Singleton
public final class GitHubSection implements InventorySection<GitHubInventory> {

    /** The section's key under an environment. */
    public static final String KEY = "github";

    private final Map<String, GitHubProperties.Github> sections;
    private final PropertyResolver configuration;

    /** Sections as bound, without the check of keys as written (tests). */
    public GitHubSection(Collection<GitHubProperties> properties) {
        this(properties, null);
    }

    @Inject
    public GitHubSection(Collection<GitHubProperties> properties,
                         @Nullable io.micronaut.context.env.Environment configuration) {
        this.sections = properties.stream().filter(p -> p.github() != null)
                .collect(Collectors.toMap(GitHubProperties::name, GitHubProperties::github));
        this.configuration = configuration;
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public Class<GitHubInventory> type() {
        return GitHubInventory.class;
    }

    @Override
    public Optional<GitHubInventory> load(String environment, List<String> problems) {
        GitHubProperties.Github g = sections.get(environment);
        if (g == null) {
            return Optional.empty();
        }
        String key = InventoryChecks.key(environment, KEY);
        Map<String, Object> raw = new LinkedHashMap<>();
        put(raw, "host", g.host());
        put(raw, "api-url", g.apiUrl());
        put(raw, "token", g.token());
        put(raw, "app", g.app());
        put(raw, "max-file-bytes", g.maxFileBytes());
        put(raw, "repositories", g.repositories());
        put(raw, "as-requester", g.asRequester());
        unknownKeys(key).forEach(k -> raw.put(k, ""));
        if (raw.isEmpty()) {
            problems.add(key + ": the github section needs credentials and at least one repository");
            return Optional.empty();
        }
        return GitHubInventoryValidation.validate(key, raw, problems);
    }

    /** Keys written under the section that no field reads. */
    private List<String> unknownKeys(String key) {
        if (configuration == null) {
            return List.of();
        }
        return new TreeSet<>(configuration.getPropertyEntries(key, PropertyCatalog.RAW))
                .stream().map(e -> NameUtils.hyphenate(e.replaceFirst("\\[.*", ""))).distinct()
                .filter(e -> !GitHubInventoryValidation.SECTION_KEYS.contains(e)).toList();
    }

    private static void put(Map<String, Object> raw, String key, Object value) {
        if (value != null) {
            raw.put(key, value);
        }
    }
}
