package io.carapulse.config;

import java.util.List;

/**
 * A part of an environment's inventory owned by one tool family (S6): its targets, never policy. The
 * family's adapters look their part up with {@link Inventory#part(Class)} and point their calls at it.
 */
public interface InventoryPart {

    /**
     * What steps may touch, for people and the model: one line each
     * ({@code "Kubernetes: context prod-eu, namespaces [a, b]"}); never a credential or where one is kept.
     * Empty when the part declares nothing a step could name.
     */
    List<String> describe();

    /**
     * The {@code integration:<provider>} references this part's family reads through the credential broker
     * ({@link SecretRef#isIntegration()}), so a server without the broker can refuse to start; none by default.
     */
    default List<SecretRef> brokerReferences() {
        return List.of();
    }
}
