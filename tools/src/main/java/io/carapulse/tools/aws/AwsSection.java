package io.carapulse.tools.aws;

import io.carapulse.config.InventoryChecks;
import io.carapulse.config.InventorySection;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.naming.NameUtils;
import io.micronaut.core.value.PropertyResolver;
import io.micronaut.core.value.PropertyCatalog;
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
 * {@code carapulse.environments.<env>.aws}: the accounts an environment's AWS steps act in and what its
 * writes may touch, checked at start-up by {@link AwsInventoryValidation}. A key under {@code aws} that
 * nothing reads ({@code autoscalling-groups}) is refused naming it, when the configuration as written is
 * at hand (not for keys set only through environment variables).
 */
@Singleton
public final class AwsSection implements InventorySection<AwsInventory> {

    /** The section's key under an environment. */
    public static final String KEY = "aws";

    private final Map<String, AwsProperties.Aws> sections;
    private final PropertyResolver configuration;

    /** Sections as bound, without the check of keys as written (tests). */
    public AwsSection(Collection<AwsProperties> properties) {
        this(properties, null);
    }

    @Inject
    public AwsSection(Collection<AwsProperties> properties, @Nullable io.micronaut.context.env.Environment configuration) {
        this.sections = properties.stream().filter(p -> p.aws() != null)
                .collect(Collectors.toMap(AwsProperties::name, AwsProperties::aws));
        this.configuration = configuration;
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public Class<AwsInventory> type() {
        return AwsInventory.class;
    }

    @Override
    public Optional<AwsInventory> load(String environment, List<String> problems) {
        AwsProperties.Aws a = sections.get(environment);
        if (a == null) {
            return Optional.empty();
        }
        String key = InventoryChecks.key(environment, KEY);
        Map<String, Object> raw = new LinkedHashMap<>();
        put(raw, "accounts", a.accounts());
        put(raw, "autoscaling-groups", a.autoscalingGroups());
        put(raw, "eks-clusters", a.eksClusters());
        put(raw, "eks-nodegroups", a.eksNodegroups());
        put(raw, "ecs-clusters", a.ecsClusters());
        put(raw, "ecs-services", a.ecsServices());
        put(raw, "ec2-instance-tags", a.ec2InstanceTags());
        put(raw, "iam-users", a.iamUsers());
        put(raw, "log-group-prefixes", a.logGroupPrefixes());
        unknownKeys(key).forEach(k -> raw.put(k, ""));
        if (raw.isEmpty()) {
            problems.add(key + ": the aws section needs at least one account under accounts");
            return Optional.empty();
        }
        return AwsInventoryValidation.validate(key, raw, problems);
    }

    /** Keys written under the section that no field reads. */
    private List<String> unknownKeys(String key) {
        if (configuration == null) {
            return List.of();
        }
        return new TreeSet<>(configuration.getPropertyEntries(key, PropertyCatalog.RAW))
                .stream().map(e -> NameUtils.hyphenate(e.replaceFirst("\\[.*", ""))).distinct()
                .filter(e -> !AwsInventoryValidation.SECTION_KEYS.contains(e)).toList();
    }

    private static void put(Map<String, Object> raw, String key, Object value) {
        if (value != null) {
            raw.put(key, value);
        }
    }
}
