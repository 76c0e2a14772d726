package io.carapulse.testkit.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ToolCall;
import java.util.Objects;

/**
 * One call the fake tool received, in the order received.
 *
 * @param kind        whether the runtime asked to execute the call or to capture its inverse
 * @param tool        tool name
 * @param action      action name
 * @param args        the arguments as received (a copy)
 * @param environment the plan environment of the call
 */
public record JournalEntry(Kind kind, String tool, String action, ObjectNode args, String environment) {

    /** Why the call reached the fake. */
    public enum Kind {
        /** {@code ToolAction.execute}: the call acted (or tried to). */
        EXECUTE,
        /** {@code ToolAction.captureInverse}: the call only read state to record its inverse. */
        CAPTURE_INVERSE
    }

    public JournalEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(action, "action");
        args = args.deepCopy();
        Objects.requireNonNull(environment, "environment");
    }

    static JournalEntry of(Kind kind, ToolCall call) {
        return new JournalEntry(kind, call.tool(), call.action(), call.args(), call.environment());
    }

    /** The journaled arguments (a copy, so a test cannot rewrite history). */
    @Override
    public ObjectNode args() {
        return args.deepCopy();
    }

    /** {@code tool.action}, handy for asserting call order. */
    public String qualifiedName() {
        return tool + "." + action;
    }
}
