package io.carapulse.testkit.fake;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A reversible write that sets a deployment's replica count; {@code scale} and {@code patch} differ
 * only in name and class. Its inverse is the same action with the count read before acting.
 */
abstract class ReplicaWrite implements ToolAction {

    static final int MAX_REPLICAS = 1_000;

    private final FakeWorld world;
    private final ActionDescriptor descriptor;

    ReplicaWrite(FakeWorld world, String name, ActionClass actionClass, String description) {
        this.world = world;
        this.descriptor = new ActionDescriptor(name, actionClass, description, schema(), true,
                Set.of(Transport.LOCAL), Duration.ofSeconds(30));
    }

    private static ObjectNode schema() {
        ObjectNode properties = Schemas.properties();
        properties.set("name", Schemas.name());
        properties.set("replicas", Schemas.integer(0, MAX_REPLICAS, "desired replica count"));
        return Schemas.object(properties, "name", "replicas");
    }

    @Override
    public final ActionDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public final Optional<ToolCall> captureInverse(ToolCall call, ToolContext context) {
        world.recordInverseCapture(call);
        String name = FakeCalls.text(call, "name");
        Deployment current = world.deployment(name).orElseThrow(() -> FakeCalls.notFound(call, name));
        ObjectNode args = JsonNodeFactory.instance.objectNode()
                .put("name", name)
                .put("replicas", current.replicas());
        return Optional.of(new ToolCall(call.tool(), descriptor.name(), args, call.environment()));
    }

    @Override
    public final ToolResult execute(ToolCall call, ToolContext context) {
        world.recordExecution(call, context);
        String name = FakeCalls.text(call, "name");
        int replicas = FakeCalls.integer(call, "replicas");
        FakeWorld.Change change = world.scale(name, replicas).orElseThrow(() -> FakeCalls.notFound(call, name));
        String line = "deployment/" + name + " " + descriptor.name() + ": replicas "
                + change.before().replicas() + " -> " + change.after().replicas();
        context.emit(line);
        String versions = change.before().resourceVersion() + "->" + change.after().resourceVersion();
        return FakeCalls.success(call, line, FakeCalls.data(change.after()), Map.of("resourceVersion", versions));
    }
}
