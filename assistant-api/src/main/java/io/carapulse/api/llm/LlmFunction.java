package io.carapulse.api.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A function offered to the model.
 *
 * @param name        {@code [a-zA-Z0-9_-]{1,64}}, as both OpenAI APIs require
 * @param description one paragraph for the model
 * @param parameters  a JSON Schema object describing the arguments
 */
public record LlmFunction(String name, String description, ObjectNode parameters) {

    public LlmFunction {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-zA-Z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("function names are [a-zA-Z0-9_-]{1,64}: " + name);
        }
        description = description == null ? "" : description;
        Objects.requireNonNull(parameters, "parameters");
    }
}
