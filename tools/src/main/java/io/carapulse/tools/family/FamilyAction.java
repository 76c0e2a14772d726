package io.carapulse.tools.family;

import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.transport.Selection;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one shape of every action of every family: a class per action whose arguments are a record
 * ({@code A}, declared with {@link Arg}) parsed once; the schema the registry publishes is generated from
 * that record. The order is fixed here and final: parse the arguments (plan time:
 * {@link #argumentProblems}), check the targets against the environment's inventory (plan time:
 * {@link #targetProblems}; again before anything runs, S6), capture the inverse of a reversible write
 * before acting, choose the transport once, then run the CLI path or the HTTP path.
 *
 * @param <A> the action's arguments
 * @param <R> the family's runtime
 */
public abstract class FamilyAction<A extends Record, R extends FamilyRuntime> implements ToolAction {

    protected final R runtime;
    private final ToolArgs<A> declaration;
    private final ActionDescriptor descriptor;

    /**
     * @param runtime     the family
     * @param name        the action's name, e.g. {@code scale}
     * @param actionClass READ, WRITE or BREAK_GLASS (S1: declared here, nowhere else)
     * @param description one line for people and the model
     * @param argsType    the arguments record
     * @param reversible  whether {@link #inverse} captures an undo
     * @param transports  the transports this action has
     * @param timeout     the default deadline of one call
     */
    protected FamilyAction(R runtime, String name, ActionClass actionClass, String description, Class<A> argsType,
                           boolean reversible, Set<Transport> transports, Duration timeout) {
        this.runtime = runtime;
        this.declaration = ToolArgs.of(argsType);
        this.descriptor = new ActionDescriptor(name, actionClass, description, declaration.schema(), reversible, transports,
                timeout);
    }

    @Override
    public final ActionDescriptor descriptor() {
        return descriptor;
    }

    /** The call's arguments, parsed; {@code invalid_arguments} when they cannot work. */
    public final A arguments(ToolCall call) {
        return declaration.parse(call.args());
    }

    /** The arguments declaration (schema, parse, write) of this action. */
    protected final ToolArgs<A> declaration() {
        return declaration;
    }

    @Override
    public final List<String> argumentProblems(ToolCall call) {
        try {
            arguments(call);
            return List.of();
        } catch (ToolException e) {
            return List.of(e.getMessage());
        }
    }

    @Override
    public final List<String> targetProblems(ToolCall call) {
        A a;
        try {
            a = arguments(call);
        } catch (ToolException e) {
            return List.of(); // argumentProblems reports it
        }
        return targets(call.environment(), a);
    }

    /**
     * S6: one line per target {@code args} names that the environment's inventory does not declare,
     * naming the argument; empty when all are allowed. Checked at plan time and again before execution.
     */
    protected abstract List<String> targets(String environment, A args);

    @Override
    public final Optional<ToolCall> captureInverse(ToolCall call, ToolContext context) {
        if (!descriptor.reversible()) {
            return Optional.empty();
        }
        A a = checked(call);
        return inverse(a, call, context);
    }

    /**
     * For a reversible write: reads the current state and returns the call that restores it, typically
     * {@code same(call, argsReadNow)}. Called before {@link #execute}; the runtime stores the result.
     */
    protected Optional<ToolCall> inverse(A args, ToolCall call, ToolContext context) {
        return Optional.empty();
    }

    /** A call of this action with other arguments: the usual inverse. */
    protected final ToolCall same(ToolCall call, A newArgs) {
        return new ToolCall(call.tool(), call.action(), declaration.write(newArgs), call.environment());
    }

    /** A call of another action of the same tool (for {@code stop}, {@code start}). */
    protected static <B extends Record> ToolCall other(ToolCall call, String action, Class<B> type, B otherArgs) {
        return new ToolCall(call.tool(), action, ToolArgs.of(type).write(otherArgs), call.environment());
    }

    @Override
    public final ToolResult execute(ToolCall call, ToolContext context) {
        A a = checked(call);
        Selection selection = runtime.select(call, transports().contains(Transport.HTTP));
        return selection instanceof Selection.Cli cli
                ? viaCli(cli.binary(), a, call, context)
                : viaHttp(a, call, context);
    }

    private Set<Transport> transports() {
        return descriptor.transports();
    }

    /** Parsed arguments whose targets are allowed now (S6 at execute time). */
    private A checked(ToolCall call) {
        A a = arguments(call);
        List<String> problems = targets(call.environment(), a);
        if (!problems.isEmpty()) {
            throw new ToolException(ToolFailure.TARGET_NOT_ALLOWED, String.join("; ", problems), null);
        }
        return a;
    }

    /** The CLI path. */
    protected abstract ToolResult viaCli(Path binary, A args, ToolCall call, ToolContext context);

    /** The HTTP path; only called when the action declares {@link Transport#HTTP}. */
    protected ToolResult viaHttp(A args, ToolCall call, ToolContext context) {
        throw new ToolException(ToolFailure.TRANSPORT_UNAVAILABLE, descriptor.name() + " has no HTTP path", null);
    }
}
