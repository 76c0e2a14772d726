package io.carapulse.tools.gitlab;

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
 * {@code carapulse.environments.<env>.gitlab}: the GitLab instance, token reference and projects an
 * environment's {@code gitlab} steps may touch, checked at start-up by {@link GitlabInventoryValidation}.
 * A key under {@code gitlab} that nothing reads ({@code repositries}) is refused naming it, when the
 * configuration as written is at hand (not for keys set only through environment variables).
 */
@Singleton
public final class GitlabSection implements InventorySection<GitlabInventory> {

    /** The section's key under an environment. */
    public static final String KEY = "gitlab";

    private final Map<String, GitlabProperties.Gitlab> sections;
    private final PropertyResolver configuration;

    /** Sections as bound, without the check of keys as written (tests). */
    public GitlabSection(Collection<GitlabProperties> properties) {
        this(properties, null);
    }

    @Inject
    public GitlabSection(Collection<GitlabProperties> properties,
                         @Nullable io.micronaut.context.env.Environment configuration) {
        this.sections = properties.stream().filter(p -> p.gitlab() != null)
                .collect(Collectors.toMap(GitlabProperties::name, GitlabProperties::gitlab));
        this.configuration = configuration;
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public Class<GitlabInventory> type() {
        return GitlabInventory.class;
    }

    @Override
    public Optional<GitlabInventory> load(String environment, List<String> problems) {
        GitlabProperties.Gitlab g = sections.get(environment);
        if (g == null) {
            return Optional.empty();
        }
        String key = InventoryChecks.key(environment, KEY);
        Map<String, Object> raw = new LinkedHashMap<>();
        put(raw, "host", g.host());
        put(raw, "api-url", g.apiUrl());
        put(raw, "token", g.token());
        put(raw, "max-file-bytes", g.maxFileBytes());
        put(raw, "repositories", g.repositories());
        put(raw, "as-requester", g.asRequester());
        unknownKeys(key).forEach(k -> raw.put(k, ""));
        if (raw.isEmpty()) {
            problems.add(key + ": the gitlab section needs a token and at least one repository");
            return Optional.empty();
        }
        return GitlabInventoryValidation.validate(key, raw, problems);
    }

    /** Keys written under the section that no field reads. */
    private List<String> unknownKeys(String key) {
        if (configuration == null) {
            return List.of();
        }
        return new TreeSet<>(configuration.getPropertyEntries(key, PropertyCatalog.RAW))
                .stream().map(e -> NameUtils.hyphenate(e.replaceFirst("\\[.*", ""))).distinct()
                .filter(e -> !GitlabInventoryValidation.SECTION_KEYS.contains(e)).toList();
    }

    private static void put(Map<String, Object> raw, String key, Object value) {
        if (value != null) {
            raw.put(key, value);
        }
    }
}
