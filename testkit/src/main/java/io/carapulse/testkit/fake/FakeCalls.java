package io.carapulse.testkit.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads arguments of, and builds results for, calls of the fake tool. */
final class FakeCalls {

    private FakeCalls() {
    }

    /**
     * The argument as text. The runtime validates arguments before a call reaches an action; this
     * still fails loudly, so a test that bypasses validation learns why instead of seeing a NPE.
     */
    static String text(ToolCall call, String field) {
        JsonNode value = call.args().get(field);
        if (value == null || !value.isTextual()) {
            throw invalid(call, field, "a string");
        }
        return value.asText();
    }

    static int integer(ToolCall call, String field) {
        JsonNode value = call.args().get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw invalid(call, field, "an integer");
        }
        return value.intValue();
    }

    static int integer(ToolCall call, String field, int absent) {
        return call.args().has(field) ? integer(call, field) : absent;
    }

    /**
     * What the fake "ran", shaped like an argv so evidence looks like a CLI's: {@code fake <action>
     * key=value ...} in argument order.
     */
    static List<String> command(ToolCall call) {
        List<String> argv = new ArrayList<>(List.of(FakeTool.NAME, call.action()));
        call.args().fields().forEachRemaining(f -> argv.add(f.getKey() + "=" + f.getValue().asText()));
        return argv;
    }

    static ToolResult success(ToolCall call, String output, JsonNode data, Map<String, String> externalIds) {
        return new ToolResult(Transport.LOCAL, command(call), 0, null, output, data, externalIds);
    }

    static ObjectNode data(Deployment deployment) {
        return JsonNodeFactory.instance.objectNode()
                .put("name", deployment.name())
                .put("replicas", deployment.replicas())
                // a string, as Kubernetes returns it, so assertions written here hold for kubectl
                .put("resourceVersion", Long.toString(deployment.resourceVersion()));
    }

    static ToolException notFound(ToolCall call, String name) {
        String message = "deployment " + name + " not found";
        return new ToolException(ToolFailure.NOT_FOUND, message,
                new ToolResult(Transport.LOCAL, command(call), 1, null, message, null, Map.of()));
    }

    private static ToolException invalid(ToolCall call, String field, String expected) {
        return new ToolException(ToolFailure.INVALID_ARGUMENTS,
                call.qualifiedName() + ": argument '" + field + "' must be " + expected, null);
    }
}
