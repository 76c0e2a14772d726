package io.carapulse.llm.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.llm.LlmFunction;
import java.time.Instant;
import java.util.Objects;

/**
 * A function the model may call, with the code that answers it.
 *
 * @param spec    what the model is told (name, description, JSON schema of the arguments)
 * @param handler runs the call; it never throws for a failed call, it returns a failed {@link FunctionResult}
 */
public record AgentFunction(LlmFunction spec, Handler handler) {

    public AgentFunction {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(handler, "handler");
    }

    public String name() {
        return spec.name();
    }

    /** Answers one call. */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param arguments the model's arguments, parsed (a JSON object)
         * @param deadline  when the turn ends; a call must not outlive it
         */
        FunctionResult handle(ObjectNode arguments, Instant deadline);
    }
}
