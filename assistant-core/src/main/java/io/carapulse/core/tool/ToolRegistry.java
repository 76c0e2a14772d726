package io.carapulse.core.tool;

import io.carapulse.api.dto.ActionView;
import io.carapulse.api.dto.ToolView;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolAdapter;
import io.carapulse.api.tool.Transport;
import io.carapulse.config.ConfigurationException;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The catalog of tools: every {@link ToolAdapter} bean, checked once at start-up. The classes its
 * actions declare are the only source of an action's class (S1); nothing else may say otherwise.
 */
@Singleton
public class ToolRegistry {

    private final Map<String, ToolAdapter> tools;

    public ToolRegistry(List<ToolAdapter> adapters) {
        Map<String, ToolAdapter> byName = new TreeMap<>();
        for (ToolAdapter adapter : adapters) {
            if (!adapter.name().matches("[a-z][a-z0-9-]*")) {
                throw new ConfigurationException("tool name must be lower-case kebab-case: " + adapter.name());
            }
            if (byName.putIfAbsent(adapter.name(), adapter) != null) {
                throw new ConfigurationException("two tool adapters are named '" + adapter.name() + "'");
            }
            Set<String> actionNames = new HashSet<>();
            for (ToolAction action : adapter.actions()) {
                if (!actionNames.add(action.descriptor().name())) {
                    throw new ConfigurationException("tool '" + adapter.name() + "' declares action '"
                            + action.descriptor().name() + "' twice");
                }
            }
        }
        this.tools = Map.copyOf(byName);
    }

    public Optional<ToolAdapter> tool(String name) {
        return Optional.ofNullable(name == null ? null : tools.get(name));
    }

    /** The action, or a 422 {@code unknown_tool} / {@code unknown_action} refusal. */
    public ToolAction require(String tool, String action) {
        ToolAdapter adapter = tool(tool).orElseThrow(() -> new ProblemException(ProblemCode.UNKNOWN_TOOL,
                "unknown tool '" + tool + "'" + (tools.isEmpty() ? " (no tools are installed)"
                        : " (known: " + String.join(", ", tools.keySet()) + ")")));
        return adapter.action(action).orElseThrow(() -> new ProblemException(ProblemCode.UNKNOWN_ACTION,
                "tool '" + tool + "' has no action '" + action + "' (known: " + String.join(", ",
                        adapter.actions().stream().map(a -> a.descriptor().name()).sorted().toList()) + ")"));
    }

    public List<ToolAdapter> all() {
        return tools.values().stream().sorted(Comparator.comparing(ToolAdapter::name)).toList();
    }

    public List<ToolView> views() {
        return all().stream().map(ToolRegistry::view).toList();
    }

    static ToolView view(ToolAdapter adapter) {
        List<ActionView> actions = adapter.actions().stream()
                .map(ToolAction::descriptor)
                .sorted(Comparator.comparing(ActionDescriptor::name))
                .map(d -> new ActionView(d.name(), adapter.name() + "." + d.name(), d.actionClass(), d.description(),
                        d.reversible(), wire(d.transports()), d.defaultTimeout().toSeconds(), d.argumentSchema()))
                .toList();
        return new ToolView(adapter.name(), adapter.description(), wire(adapter.availableTransports()), actions);
    }

    private static List<String> wire(Set<Transport> transports) {
        return transports.stream().map(Transport::wire).sorted().toList();
    }
}
