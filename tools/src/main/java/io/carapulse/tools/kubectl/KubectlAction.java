package io.carapulse.tools.kubectl;

import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.family.FamilyAction;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Every kubectl action: the family shape ({@link FamilyAction}) with the namespace as its target (S6).
 * Each action's arguments record carries the namespace ({@link Namespaced}); the CLI path gets
 * {@code --context} and {@code -n} injected by {@link KubectlRuntime#kubectl}, the HTTP path uses Fabric8.
 *
 * @param <A> the action's arguments
 */
public abstract class KubectlAction<A extends Record & KubectlAction.Namespaced> extends FamilyAction<A, KubectlRuntime> {

    /** The argument every kubectl action has. */
    public interface Namespaced {
        /** A namespace of the environment's inventory; {@code -n} is injected from it. */
        String namespace();
    }

    /** The description of every {@code namespace} argument. */
    protected static final String NAMESPACE = "namespace in the environment's inventory; -n is injected from it";

    protected KubectlAction(KubectlRuntime runtime, String name, ActionClass actionClass, String description,
                            Class<A> argsType, boolean reversible, Set<Transport> transports, Duration timeout) {
        super(runtime, name, actionClass, description, argsType, reversible, transports, timeout);
    }

    @Override
    protected final List<String> targets(String environment, A args) {
        return runtime.namespaceProblems(environment, args.namespace());
    }

    @Override
    protected final ToolResult viaCli(Path kubectl, A args, ToolCall call, ToolContext context) {
        return viaCli(kubectl, args, call, args.namespace(), context);
    }

    @Override
    protected final ToolResult viaHttp(A args, ToolCall call, ToolContext context) {
        return viaHttp(args, call, args.namespace(), context);
    }

    protected abstract ToolResult viaCli(Path kubectl, A args, ToolCall call, String namespace, ToolContext context);

    protected abstract ToolResult viaHttp(A args, ToolCall call, String namespace, ToolContext context);
}
