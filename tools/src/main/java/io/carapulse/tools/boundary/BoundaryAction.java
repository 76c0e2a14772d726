package io.carapulse.tools.boundary;

import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.boundary.internal.BoundaryApi;
import io.carapulse.tools.family.FamilyAction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every boundary action: the family shape ({@link FamilyAction}) with the environment's Boundary as its
 * target (S6). The controller, the login and the token come from the inventory; scopes, targets and roles
 * an argument names must be declared there (plan time), and what only a read reveals (a target's scope, a
 * session's target, a role's grants) is checked before anything is changed. Each action is written once
 * against {@link BoundaryApi}; the transport (CLI first, REST fallback) only chooses its implementation.
 *
 * @param <A> the action's arguments
 */
public abstract class BoundaryAction<A extends Record> extends FamilyAction<A, BoundaryRuntime> {

    protected static final Set<Transport> BOTH = Set.of(Transport.CLI, Transport.HTTP);

    protected BoundaryAction(BoundaryRuntime runtime, String name, ActionClass actionClass, String description,
                             Class<A> argsType, boolean reversible, Duration timeout) {
        super(runtime, name, actionClass, description, argsType, reversible, BOTH, timeout);
    }

    @Override
    protected final List<String> targets(String environment, A args) {
        List<String> problems = runtime.environmentProblems(environment);
        if (!problems.isEmpty()) {
            return problems;
        }
        List<String> out = new ArrayList<>();
        declared(runtime.instance(environment), args, out);
        return out;
    }

    /**
     * Adds one line per argument naming a scope, target or role the environment's Boundary does not declare.
     */
    protected abstract void declared(BoundaryInstance boundary, A args, List<String> problems);

    /** The action, against Boundary over the chosen transport. */
    protected abstract ToolResult run(BoundaryApi api, A args, ToolCall call, ToolContext context);

    @Override
    protected final ToolResult viaCli(Path binary, A args, ToolCall call, ToolContext context) {
        return run(runtime.cliApi(binary, call.environment(), context), args, call, context);
    }

    @Override
    protected final ToolResult viaHttp(A args, ToolCall call, ToolContext context) {
        return run(runtime.restApi(call.environment(), !descriptor().actionClass().writes(), context), args, call,
                context);
    }

    /** A problem line when {@code value} (of argument {@code argument}) is not among {@code declared}. */
    protected static void require(String argument, String value, Set<String> declared, String what,
                                  List<String> problems) {
        if (!declared.contains(value)) {
            problems.add(argument + " " + value + " is not one of the environment's Boundary " + what + " "
                    + BoundaryRuntime.sorted(declared));
        }
    }
}
