package io.carapulse.tools.helm;

import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolCall;
import java.util.List;

/** What every Helm action shares: its declaration and the S6 check of its namespace. */
abstract class HelmAction implements ToolAction {

    protected final HelmCalls calls;
    private final ActionDescriptor descriptor;

    HelmAction(HelmCalls calls, ActionDescriptor descriptor) {
        this.calls = calls;
        this.descriptor = descriptor;
    }

    @Override
    public final ActionDescriptor descriptor() {
        return descriptor;
    }

    /** The S6 check of the namespace; an action with more targets adds its own problems. */
    @Override
    public List<String> targetProblems(ToolCall call) {
        return calls.targetProblems(call);
    }
}
