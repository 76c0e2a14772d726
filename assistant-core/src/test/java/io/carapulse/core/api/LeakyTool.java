package io.carapulse.core.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolAdapter;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
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
 * A tool whose output carries canary secrets nobody typed (a kubeconfig token, an AWS key, a
 * password, a private key), as a real CLI's would: {@code leaky.print} (READ) prints them,
 * {@code leaky.fail} (WRITE) prints them and fails with them in its message. The secrets cannot
 * come in through arguments, which refuse them. Only present when
 * {@code carapulse.test.leaky-tool=true}.
 */
@Singleton
@Requires(property = "carapulse.test.leaky-tool", value = "true")
public class LeakyTool implements ToolAdapter {

    public static final String AWS_KEY = "AKIAQX3CANARY7EXAMPL";
    public static final String PASSWORD = "canary-Pa55w0rd-4f9d";
    public static final String KUBE_TOKEN = "canary-kube-token-8c1e2a";
    public static final String PRIVATE_KEY_BODY = "MIIEcanaryPRIVATEKEYbody0123456789";
    public static final String OUTPUT = String.join("\n",
            "apiVersion: v1",
            "users:",
            "- name: admin",
            "  user:",
            "    token: " + KUBE_TOKEN,
            "aws_access_key_id = " + AWS_KEY,
            "db password=" + PASSWORD,
            "-----BEGIN PRIVATE KEY-----",
            PRIVATE_KEY_BODY,
            "-----END PRIVATE KEY-----",
            "replicas: 3");

    @Override
    public String name() {
        return "leaky";
    }

    @Override
    public String description() {
        return "test adapter whose output carries secrets";
    }

    @Override
    public List<ToolAction> actions() {
        return List.of(new Leak("print", ActionClass.READ), new Leak("fail", ActionClass.WRITE));
    }

    @Override
    public Set<Transport> availableTransports() {
        return Set.of(Transport.LOCAL);
    }

    private record Leak(String name, ActionClass actionClass) implements ToolAction {

        @Override
        public ActionDescriptor descriptor() {
            ObjectNode schema = (ObjectNode) Json.read("{\"type\":\"object\",\"additionalProperties\":false,"
                    + "\"properties\":{}}");
            return new ActionDescriptor(name, actionClass, "print a secret-bearing document"
                    + (actionClass.writes() ? " and fail" : ""), schema, false, Set.of(Transport.LOCAL),
                    Duration.ofSeconds(5));
        }

        @Override
        public ToolResult execute(ToolCall call, ToolContext context) {
            OUTPUT.lines().forEach(context::emit);
            if (actionClass.writes()) {
                ToolResult partial = new ToolResult(Transport.LOCAL, List.of("leaky", name), 1, null, OUTPUT, null,
                        Map.of());
                throw new ToolException(ToolFailure.TOOL_FAILED, "leaky.fail exited 1: " + OUTPUT, partial);
            }
            return new ToolResult(Transport.LOCAL, List.of("leaky", name), 0, null, OUTPUT, null, Map.of());
        }
    }
}
