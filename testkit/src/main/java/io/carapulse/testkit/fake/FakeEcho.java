package io.carapulse.testkit.fake;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.carapulse.api.evidence.FollowUpRequest;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * {@code fake.echo}: returns and streams the text it was given. Tests use it to put a canary secret
 * into tool output and prove the runtime redacts it everywhere (S4), and {@code lines} to produce
 * long output for excerpt caps.
 */
final class FakeEcho extends FakeAction {

    static final int MAX_TEXT = 10_000;
    static final int MAX_REPEAT = 1_000;

    private static final ActionDescriptor DESCRIPTOR = new ActionDescriptor(
            "echo",
            ActionClass.READ,
            "Print the given text; with lines=N print it N times, one copy per line; with followUpAfter=N the "
                    + "evidence gains a fake.lookup follow-up that finds an event id after N attempts that found nothing.",
            schema(),
            false,
            Set.of(Transport.LOCAL),
            Duration.ofSeconds(30));

    FakeEcho(FakeWorld world) {
        super(world, DESCRIPTOR);
    }

    private static ObjectNode schema() {
        ObjectNode properties = Schemas.properties();
        properties.set("text", Schemas.text(0, MAX_TEXT, "text to print"));
        properties.set("lines", Schemas.integer(1, MAX_REPEAT, "how many copies of text to print (default 1)"));
        properties.set("followUpAfter", Schemas.integer(0, 10,
                "ask for a fake.lookup follow-up that finds an event after this many attempts"));
        return Schemas.object(properties, "text");
    }

    @Override
    public ToolResult execute(ToolCall call, ToolContext context) {
        world.recordExecution(call, context);
        String text = FakeCalls.text(call, "text");
        int copies = FakeCalls.integer(call, "lines", 1);
        String output = String.join("\n", Collections.nCopies(copies, text));
        output.lines().forEach(context::emit);
        ToolResult result = FakeCalls.success(call, output, null, Map.of());
        if (call.args().hasNonNull("followUpAfter")) {
            ObjectNode params = JsonNodeFactory.instance.objectNode().put("text", text)
                    .put("after", FakeCalls.integer(call, "followUpAfter", 0))
                    .put("execution", context.executionId());
            result = result.withFollowUps(List.of(new FollowUpRequest(FakeLookup.KIND, params, Duration.ofHours(1))));
        }
        return result;
    }
}
