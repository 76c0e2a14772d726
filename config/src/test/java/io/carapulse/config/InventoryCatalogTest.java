package io.carapulse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The catalog builds each environment's inventory from the families' sections, whatever they are. */
class InventoryCatalogTest {

    /** A family's part: the buckets an environment's steps may name. */
    record Buckets(List<String> names) implements InventoryPart {
        @Override
        public List<String> describe() {
            return List.of("Buckets: " + String.join(", ", names));
        }
    }

    /** Another family's part. */
    record Queue(String name) implements InventoryPart {
        @Override
        public List<String> describe() {
            return List.of("Queue: " + name);
        }
    }

    /** A section that loads what it was given per environment; a blank name is a problem naming its key. */
    record FakeSection<T extends InventoryPart>(String key, Class<T> type, Map<String, T> parts)
            implements InventorySection<T> {
        @Override
        public Optional<T> load(String environment, List<String> problems) {
            T part = parts.get(environment);
            if (part != null && part.describe().get(0).endsWith(": ")) {
                problems.add(InventoryChecks.key(environment, key) + ".name: must not be blank");
                return Optional.empty();
            }
            return Optional.ofNullable(part);
        }
    }

    private static EnvironmentProperties env(String name, Duration ttl) {
        return new EnvironmentProperties(name, null, List.of("operator"), List.of("approver"), List.of("operator"),
                false, false, List.of("admin"), ttl, List.of("local"));
    }

    private static List<InventorySection<?>> sections(Map<String, Buckets> buckets, Map<String, Queue> queues) {
        List<InventorySection<?>> sections = new ArrayList<>();
        sections.add(new FakeSection<>("queue", Queue.class, queues));
        sections.add(new FakeSection<>("buckets", Buckets.class, buckets));
        return sections;
    }

    @Test
    void shouldKeepEachSectionsPartInTheEnvironmentsInventoryInTheOrderOfTheirKeys() {
        EnvironmentCatalog catalog = new EnvironmentCatalog(List.of(env("prod", Duration.ofHours(1)),
                env("dev", Duration.ofHours(1))), sections(Map.of("prod", new Buckets(List.of("logs"))),
                Map.of("prod", new Queue("jobs"))));

        Inventory prod = catalog.find("prod").orElseThrow().inventory();
        assertThat(prod.part(Buckets.class)).contains(new Buckets(List.of("logs")));
        assertThat(prod.part(Queue.class)).contains(new Queue("jobs"));
        assertThat(prod.parts()).extracting(p -> p.describe().get(0)).containsExactly("Buckets: logs", "Queue: jobs");
        assertThat(catalog.find("dev").orElseThrow().inventory()).isEqualTo(Inventory.NONE);
        assertThat(Inventory.NONE.part(Buckets.class)).isEmpty();
    }

    @Test
    void shouldListTheProblemsOfEverySectionAndThePolicyInOneMessage() {
        assertThatThrownBy(() -> new EnvironmentCatalog(List.of(env("prod", Duration.ZERO), env("staging",
                Duration.ofHours(1))), sections(Map.of("prod", new Buckets(List.of(""))),
                Map.of("staging", new Queue("")))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("carapulse.environments.prod.approval-ttl")
                .hasMessageContaining("carapulse.environments.prod.buckets.name: must not be blank")
                .hasMessageContaining("carapulse.environments.staging.queue.name: must not be blank");
    }

    @Test
    void shouldRefuseTwoSectionsClaimingOneKeyOrACentralKey() {
        List<InventorySection<?>> twice = List.of(new FakeSection<>("queue", Queue.class, Map.of()),
                new FakeSection<>("queue", Buckets.class, Map.of()));
        List<InventorySection<?>> central = List.of(new FakeSection<>("approvals", Queue.class, Map.of()));

        assertThatThrownBy(() -> new EnvironmentCatalog(List.of(env("prod", Duration.ofHours(1))), twice))
                .hasMessageContaining("carapulse.environments.<environment>.queue: claimed by more than one part");
        assertThatThrownBy(() -> new EnvironmentCatalog(List.of(env("prod", Duration.ofHours(1))), central))
                .hasMessageContaining("carapulse.environments.<environment>.approvals: claimed by more than one part");
    }
}
