package io.carapulse.api.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One call of one action with arguments that already passed the action's schema. Adapters receive
 * only validated calls; they build argv or HTTP requests from these arguments and inject targets
 * (context, namespace, region) from the environment themselves (S5, S6).
 *
 * @param tool        tool name, e.g. {@code kubectl}
 * @param action      action name, e.g. {@code scale}
 * @param args        schema-valid arguments
 * @param environment the plan's environment, which decides the targets
 */
public record ToolCall(String tool, String action, ObjectNode args, String environment) {

    public ToolCall {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(environment, "environment");
        args = args.deepCopy();
    }

    /** {@code tool.action}, the name people see. */
    public String qualifiedName() {
        return tool + "." + action;
    }
}
