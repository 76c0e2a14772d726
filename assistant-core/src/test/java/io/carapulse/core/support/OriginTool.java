package io.carapulse.core.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolAdapter;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolCallOrigin;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.core.common.Json;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tool that remembers the {@link ToolCallOrigin} of every call the runtime makes to it: {@code
 * origin.set} (a reversible WRITE of one number, so it has an inverse capture and a rollback) and
 * {@code origin.read} (a READ of that number, for verify steps and chat). Only present when
 * {@code carapulse.test.origin-tool=true}.
 */
@Singleton
@Requires(property = "carapulse.test.origin-tool", value = "true")
public class OriginTool implements ToolAdapter {

    /** One call: the action, whether it executed or captured its inverse, and the origin it saw. */
    public record Seen(String action, boolean inverse, Optional<ToolCallOrigin> origin) {
    }

    private final AtomicInteger value = new AtomicInteger(1);
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    /** Every call so far, in order. */
    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    public void reset() {
        seen.clear();
        value.set(1);
    }

    @Override
    public String name() {
        return "origin";
    }

    @Override
    public String description() {
        return "test adapter that records who each call is for";
    }

    @Override
    public List<ToolAction> actions() {
        return List.of(new Set_(), new Read());
    }

    @Override
    public Set<Transport> availableTransports() {
        return Set.of(Transport.LOCAL);
    }

    private ToolResult result(String action) {
        ObjectNode data = Json.object().put("value", value.get());
        return new ToolResult(Transport.LOCAL, List.of("origin", action), 0, null, "value=" + value.get(), data,
                Map.of());
    }

    private final class Set_ implements ToolAction {

        @Override
        public ActionDescriptor descriptor() {
            ObjectNode schema = (ObjectNode) Json.read("{\"type\":\"object\",\"additionalProperties\":false,"
                    + "\"properties\":{\"value\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":100}},"
                    + "\"required\":[\"value\"]}");
            return new ActionDescriptor("set", ActionClass.WRITE, "set the number", schema, true,
                    Set.of(Transport.LOCAL), Duration.ofSeconds(5));
        }

        @Override
        public Optional<ToolCall> captureInverse(ToolCall call, ToolContext context) {
            seen.add(new Seen("set", true, context.origin()));
            ObjectNode args = Json.object().put("value", value.get());
            return Optional.of(new ToolCall(call.tool(), call.action(), args, call.environment()));
        }

        @Override
        public ToolResult execute(ToolCall call, ToolContext context) {
            seen.add(new Seen("set", false, context.origin()));
            value.set(call.args().get("value").asInt());
            return result("set");
        }
    }

    private final class Read implements ToolAction {

        @Override
        public ActionDescriptor descriptor() {
            ObjectNode schema = (ObjectNode) Json.read("{\"type\":\"object\",\"additionalProperties\":false,"
                    + "\"properties\":{}}");
            return new ActionDescriptor("read", ActionClass.READ, "read the number", schema, false,
                    Set.of(Transport.LOCAL), Duration.ofSeconds(5));
        }

        @Override
        public ToolResult execute(ToolCall call, ToolContext context) {
            seen.add(new Seen("read", false, context.origin()));
            return result("read");
        }
    }
}
