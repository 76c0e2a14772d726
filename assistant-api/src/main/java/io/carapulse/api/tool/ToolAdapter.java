package io.carapulse.api.tool;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A tool Carapulse can use (kubectl, helm, argocd ...). Adapters are found as beans; the registry
 * exposes their actions, and their declared classes are the only source of truth for S1.
 */
public interface ToolAdapter {

    /** Stable lower-case tool name, e.g. {@code kubectl}. */
    String name();

    /** One line for people and the LLM. */
    String description();

    /** Every action this tool offers; names are unique within the tool. */
    List<ToolAction> actions();

    /**
     * Transports usable right now on this machine: {@link Transport#CLI} when the binary was found,
     * {@link Transport#HTTP} when the API path is configured.
     */
    Set<Transport> availableTransports();

    default Optional<ToolAction> action(String actionName) {
        return actions().stream().filter(a -> a.descriptor().name().equals(actionName)).findFirst();
    }
}
