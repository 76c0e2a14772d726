package io.carapulse.config;

import java.util.List;
import java.util.Optional;

/**
 * A tool family's section of every environment: {@code carapulse.environments.<env>.<key>}. A bean; the
 * family binds its own properties (e.g. its own {@code @EachProperty("carapulse.environments")} record
 * with a nested {@code @ConfigurationProperties("<key>")} record) and validates them.
 * {@link EnvironmentCatalog} calls {@link #load} once per environment at start-up and keeps the part in
 * the environment's {@link Inventory}; the family finds it there with {@link Inventory#part(Class)}.
 *
 * @param <T> the part the section yields
 */
public interface InventorySection<T extends InventoryPart> {

    /** The key under {@code carapulse.environments.<env>}: {@code kubernetes}, {@code argocd}, {@code helm}, … */
    String key();

    /** The type of the part, the key of {@link Inventory#part(Class)}. */
    Class<T> type();

    /**
     * Validates environment {@code environment}'s section, adding one problem per mistake to
     * {@code problems}, each naming the exact key ({@code carapulse.environments.<env>.<key>.<…>}) and
     * never a secret's value. Called once per environment at start-up by {@link EnvironmentCatalog}.
     *
     * @return the part; empty when the environment has no such section or it is invalid
     */
    Optional<T> load(String environment, List<String> problems);
}
