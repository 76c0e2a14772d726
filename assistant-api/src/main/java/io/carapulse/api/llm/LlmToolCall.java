package io.carapulse.api.llm;

import java.util.Objects;

/**
 * A function call the model made.
 *
 * @param id        the provider's call id; the output goes back under it
 * @param name      the function name
 * @param arguments the arguments exactly as the model wrote them: JSON, but possibly malformed
 */
public record LlmToolCall(String id, String name, String arguments) {

    public LlmToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        arguments = arguments == null ? "" : arguments;
    }
}
