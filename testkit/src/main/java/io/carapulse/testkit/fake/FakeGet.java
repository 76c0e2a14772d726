package io.carapulse.testkit.fake;

import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** {@code fake.get}: reads one deployment. */
final class FakeGet extends FakeAction {

    private static final ActionDescriptor DESCRIPTOR = new ActionDescriptor(
            "get",
            ActionClass.READ,
            "Show the replica count and resource version of a fake deployment.",
            Schemas.object(Schemas.properties().set("name", Schemas.name()), "name"),
            false,
            Set.of(Transport.LOCAL),
            Duration.ofSeconds(30));

    FakeGet(FakeWorld world) {
        super(world, DESCRIPTOR);
    }

    @Override
    public ToolResult execute(ToolCall call, ToolContext context) {
        world.recordExecution(call, context);
        String name = FakeCalls.text(call, "name");
        Deployment deployment = world.deployment(name).orElseThrow(() -> FakeCalls.notFound(call, name));
        String line = "deployment/" + name + " replicas=" + deployment.replicas()
                + " resourceVersion=" + deployment.resourceVersion();
        context.emit(line);
        return FakeCalls.success(call, line, FakeCalls.data(deployment),
                Map.of("resourceVersion", Long.toString(deployment.resourceVersion())));
    }
}
