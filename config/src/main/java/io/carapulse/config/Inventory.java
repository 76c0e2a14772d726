package io.carapulse.config;

import java.util.List;
import java.util.Optional;

/**
 * What an environment's steps may touch (S6): one part per tool family whose section the environment
 * declares ({@link InventorySection}). Adapters inject these targets themselves ({@code --context},
 * {@code -n}, {@code --server}); a step naming anything else is refused at plan time with
 * {@code target_not_allowed}.
 *
 * @param parts the declared parts, at most one of each type
 */
public record Inventory(List<InventoryPart> parts) {

    /** An environment that declares no targets. */
    public static final Inventory NONE = new Inventory(List.of());

    public Inventory {
        parts = List.copyOf(parts);
    }

    /** The part of type {@code type}, if the environment declares one. */
    public <T extends InventoryPart> Optional<T> part(Class<T> type) {
        return parts.stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}
