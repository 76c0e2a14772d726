package io.carapulse.core.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.dto.Assertion;
import io.carapulse.api.tool.ActionClass;

/**
 * A step that passed validation: its tool and action exist, its arguments match the schema, and
 * its class is the adapter's (S1). Only {@link PlanValidator} makes these.
 */
public record ValidatedStep(
        int position,
        Stage stage,
        String tool,
        String action,
        ActionClass actionClass,
        ObjectNode args,
        Assertion assertion,
        Integer timeoutSeconds) {

    public ValidatedStep {
        args = args.deepCopy();
    }
}
