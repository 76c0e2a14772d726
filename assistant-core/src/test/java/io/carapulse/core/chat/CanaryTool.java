package io.carapulse.core.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolAdapter;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.core.common.Json;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A READ action whose output carries secrets the model never asked for, the way a kubeconfig or a
 * Secret's YAML would. Only present when {@code carapulse.test.canary-tool=true}.
 */
@Singleton
@Requires(property = "carapulse.test.canary-tool", value = "true")
public class CanaryTool implements ToolAdapter {

    public static final String AWS_KEY = "AKIAQX3CANARY7CHATKY";
    public static final String BEARER = "canarybearertoken0123456789abcdef";
    public static final String PASSWORD = "canary-Pa55-chat-71c3";
    public static final String OUTPUT = String.join("\n",
            "kind: Secret",
            "aws_access_key_id = " + AWS_KEY,
            "Authorization: Bearer " + BEARER,
            "db password=" + PASSWORD,
            "replicas: 3");

    @Override
    public String name() {
        return "canary";
    }

    @Override
    public String description() {
        return "test adapter that prints secrets";
    }

    @Override
    public List<ToolAction> actions() {
        return List.of(new Dump());
    }

    @Override
    public Set<Transport> availableTransports() {
        return Set.of(Transport.LOCAL);
    }

    private static final class Dump implements ToolAction {

        @Override
        public ActionDescriptor descriptor() {
            ObjectNode schema = (ObjectNode) Json.read("{\"type\":\"object\",\"additionalProperties\":false,"
                    + "\"properties\":{}}");
            return new ActionDescriptor("dump", ActionClass.READ, "print a secret-bearing document", schema, false,
                    Set.of(Transport.LOCAL), Duration.ofSeconds(5));
        }

        @Override
        public ToolResult execute(ToolCall call, ToolContext context) {
            OUTPUT.lines().forEach(context::emit);
            return new ToolResult(Transport.LOCAL, List.of("dump"), 0, null, OUTPUT, null, Map.of());
        }
    }
}
