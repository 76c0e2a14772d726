package io.carapulse.tools.helm;

import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolException;
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
     * Parses the arguments as {@code execute} does and throws its {@code invalid_arguments} refusal;
     * called at plan time through {@link #argumentProblems}. Actions the schema fully describes keep the default.
     */
    void checkArguments(ToolCall call) {
    }

    /** The S6 check of the namespace; an action with more targets adds its own problems. */
    @Override
    public List<String> targetProblems(ToolCall call) {
        return calls.targetProblems(call);
    }
}
