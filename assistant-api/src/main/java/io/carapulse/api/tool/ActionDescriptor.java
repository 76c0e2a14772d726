package io.carapulse.api.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What an action is, as declared by its adapter.
 *
 * @param name           the action name within its tool, e.g. {@code scale}
 * @param actionClass    READ, WRITE or BREAK_GLASS (S1)
 * @param description    one line for people and for the LLM
 * @param argumentSchema a JSON Schema (draft 2020-12) that every call's arguments must satisfy;
 *                       {@code additionalProperties: false} is expected
 * @param reversible     whether the action records an inverse before it acts, so a failed verify can
 *                       roll it back
 * @param transports     the transports this action can use at all (CLI, HTTP); which one is
 *                       available right now is the adapter's {@link ToolAdapter#availableTransports()}
 * @param defaultTimeout how long one call may take unless the step asks for less
 */
public record ActionDescriptor(
        String name,
        ActionClass actionClass,
        String description,
        ObjectNode argumentSchema,
        boolean reversible,
        Set<Transport> transports,
        Duration defaultTimeout) {

    public ActionDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(actionClass, "actionClass");
        Objects.requireNonNull(argumentSchema, "argumentSchema");
        description = description == null ? "" : description;
        transports = Set.copyOf(transports);
        Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("action name must be lower-case kebab-case: " + name);
        }
        if (reversible && actionClass == ActionClass.READ) {
            throw new IllegalArgumentException("a READ action has nothing to reverse: " + name);
        }
    }
}
