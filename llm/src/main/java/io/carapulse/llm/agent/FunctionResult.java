package io.carapulse.llm.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * What a function call came to.
 *
 * @param ok      whether the call did what was asked
 * @param summary one short line for people watching the turn (no secrets, no raw output)
 * @param output  what goes back to the model: a tool's (already redacted) output or an error it can
 *                act on. The loop redacts it again, caps it and frames it as untrusted data.
 * @param details machine-readable facts for clients (plan id, execution id, evidence ids), or {@code null}
 */
public record FunctionResult(boolean ok, String summary, String output, ObjectNode details) {

    public FunctionResult {
        Objects.requireNonNull(summary, "summary");
        output = output == null ? "" : output;
    }

    public static FunctionResult failed(String summary, String output) {
        return new FunctionResult(false, summary, output, null);
    }
}
