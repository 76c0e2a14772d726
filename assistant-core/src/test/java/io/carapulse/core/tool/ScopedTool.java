package io.carapulse.core.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolAdapter;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.core.common.Json;
import io.carapulse.tools.kubernetes.KubernetesCluster;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A test adapter whose one action names a namespace, checked against the environment's inventory the
 * way the Kubernetes adapters do (S6). Only present when {@code carapulse.test.scoped-tool=true}.
 */
@Singleton
@Requires(property = "carapulse.test.scoped-tool", value = "true")
class ScopedTool implements ToolAdapter {

    private final EnvironmentCatalog environments;

    ScopedTool(EnvironmentCatalog environments) {
        this.environments = environments;
    }

    @Override
    public String name() {
        return "scoped";
    }

    @Override
    public String description() {
        return "test adapter with a namespaced action";
    }

    @Override
    public List<ToolAction> actions() {
        return List.of(new Touch());
    }

    @Override
    public Set<Transport> availableTransports() {
        return Set.of(Transport.LOCAL);
    }

    private final class Touch implements ToolAction {

        @Override
        public ActionDescriptor descriptor() {
            ObjectNode schema = (ObjectNode) Json.read("{\"type\":\"object\",\"additionalProperties\":false,"
                    + "\"required\":[\"namespace\"],\"properties\":{\"namespace\":{\"type\":\"string\","
                    + "\"pattern\":\"^[a-z0-9-]{1,63}$\"}}}");
            return new ActionDescriptor("touch", ActionClass.READ, "touch a namespace", schema, false,
                    Set.of(Transport.LOCAL), Duration.ofSeconds(5));
        }

        @Override
        public List<String> targetProblems(ToolCall call) {
            String namespace = call.args().get("namespace").asText();
            boolean allowed = environments.find(call.environment()).map(e -> e.inventory())
                    .flatMap(i -> i.part(KubernetesCluster.class)).map(k -> k.allows(namespace)).orElse(false);
            return allowed ? List.of()
                    : List.of("namespace '" + namespace + "' is not in environment " + call.environment());
        }

        @Override
        public ToolResult execute(ToolCall call, ToolContext context) {
            return new ToolResult(Transport.LOCAL, List.of("touch", call.args().get("namespace").asText()), 0, null,
                    "touched", null, Map.of());
        }
    }
}
