package io.carapulse.api.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import java.util.List;

/** An action of a tool, with its class (S1) and argument schema. */
public record ActionView(
        String name,
        String qualifiedName,
        @JsonProperty("class") ActionClass actionClass,
        String description,
        boolean reversible,
        List<String> transports,
        long defaultTimeoutSeconds,
        ObjectNode argumentSchema) {
}
