package io.carapulse.api.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;

/** A validated step of a plan, with the class the adapter declares for its action (S1). */
public record StepView(
        int position,
        String stage,
        String tool,
        String action,
        @JsonProperty("class") ActionClass actionClass,
        ObjectNode args,
        @JsonProperty("assert") Assertion assertion,
        Integer timeoutSeconds) {
}
