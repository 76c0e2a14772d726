package io.carapulse.tools.kubectl;

import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.transport.Selection;

import java.nio.file.Path;
import java.util.List;

/**
 * The shape of every kubectl action: check the namespace (S6), choose the transport once, then run
 * the CLI path or the Fabric8 path. Subclasses build argv and API calls from validated arguments.
 */
public abstract class KubectlAction implements ToolAction {

    protected final KubectlRuntime runtime;
    private final ActionDescriptor descriptor;

    protected KubectlAction(KubectlRuntime runtime, ActionDescriptor descriptor) {
        this.runtime = runtime;
        this.descriptor = descriptor;
    }

    @Override
    public final ActionDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public final List<String> targetProblems(ToolCall call) {
        return runtime.targetProblems(call);
    }

    @Override
    public final List<String> argumentProblems(ToolCall call) {
        try {
            checkArguments(call);
            return List.of();
        } catch (ToolException e) {
            return List.of(e.getMessage());
        }
    }

    /**
     * Parses the arguments as {@link #viaCli}/{@link #viaHttp} do and throws their
     * {@code invalid_arguments} refusal; called at plan time through {@link #argumentProblems}.
     * Actions whose arguments the schema fully describes keep the default.
     */
    protected void checkArguments(ToolCall call) {
    }

    @Override
    public final ToolResult execute(ToolCall call, ToolContext context) {
        String namespace = runtime.namespace(call);
        Selection selection = runtime.select(call, hasHttpPath());
        return selection instanceof Selection.Cli c
                ? viaCli(c.binary(), call, namespace, context)
                : viaHttp(call, namespace, context);
    }

    /** Whether this action has a Fabric8 path at all. */
    protected boolean hasHttpPath() {
        return true;
    }

    protected abstract ToolResult viaCli(Path kubectl, ToolCall call, String namespace, ToolContext context);

    protected abstract ToolResult viaHttp(ToolCall call, String namespace, ToolContext context);
}
