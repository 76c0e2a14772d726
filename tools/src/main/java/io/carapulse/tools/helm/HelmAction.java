package io.carapulse.tools.helm;

import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.family.FamilyAction;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Every Helm action: the family shape ({@link FamilyAction}) with the namespace as its target (S6).
 * Each action's arguments record carries the namespace ({@link Namespaced}); the CLI path gets
 * {@code --kube-context} and {@code --namespace} from {@link #targetFlags}, the HTTP path reads the
 * release secrets of that namespace.
 *
 * @param <A> the action's arguments
 */
abstract class HelmAction<A extends Record & HelmAction.Namespaced> extends FamilyAction<A, HelmCalls> {

    /** The argument every Helm action has. */
    interface Namespaced {
        /** A namespace of the environment's inventory; {@code --namespace} is injected from it. */
        String namespace();
    }

    HelmAction(HelmCalls calls, String name, ActionClass actionClass, String description, Class<A> argsType,
               boolean reversible, Set<Transport> transports, Duration timeout) {
        super(calls, name, actionClass, description, argsType, reversible, transports, timeout);
    }

    /** The S6 check of the namespace; an action with more targets adds its own problems. */
    @Override
    protected List<String> targets(String environment, A args) {
        return runtime.namespaceProblems(environment, args.namespace());
    }

    /** {@code --kube-context <ctx>} (when the environment names one) and {@code --namespace <ns>}. */
    protected final List<String> targetFlags(ToolCall call, A args) {
        return runtime.targetFlags(call, args.namespace());
    }
}
