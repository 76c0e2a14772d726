package io.carapulse.core.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.dto.Assertion;
import io.carapulse.api.dto.PlanCreateRequest;
import io.carapulse.api.dto.StepSpec;
import io.carapulse.core.common.Json;
import java.util.List;

/** Builders for plans over the testkit's fake tool. */
public final class Steps {

    private Steps() {
    }

    public static StepSpec act(String action, Object... kv) {
        return new StepSpec("fake", action, args(kv), "act", null, null);
    }

    public static StepSpec verify(String action, Assertion assertion, Object... kv) {
        return new StepSpec("fake", action, args(kv), "verify", assertion, null);
    }

    public static Assertion eq(String pointer, Object value) {
        return new Assertion(pointer, "eq", Json.toTree(value));
    }

    public static PlanCreateRequest plan(String environment, StepSpec... steps) {
        return new PlanCreateRequest(environment, "test plan", List.of(steps));
    }

    public static ObjectNode args(Object... kv) {
        ObjectNode n = Json.object();
        for (int i = 0; i < kv.length; i += 2) {
            JsonNode v = Json.toTree(kv[i + 1]);
            n.set((String) kv[i], v);
        }
        return n;
    }
}
