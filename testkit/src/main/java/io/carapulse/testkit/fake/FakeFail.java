package io.carapulse.testkit.fake;

import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * {@code fake.fail}: a write that always fails like a CLI exiting 1, carrying the evidence it
 * gathered, so tests can drive failed steps, rollbacks and failure evidence (S8, S9). The
 * exception message repeats the output, as real CLIs' errors do, so a canary secret in
 * {@code message} also proves that error messages are redacted (S4).
 */
final class FakeFail extends FakeAction {

    private static final ActionDescriptor DESCRIPTOR = new ActionDescriptor(
            "fail",
            ActionClass.WRITE,
            "Fail with the given message and exit code 1.",
            Schemas.object(Schemas.properties().set("message", Schemas.text(1, 10_000, "error output")), "message"),
            false,
            Set.of(Transport.LOCAL),
            Duration.ofSeconds(30));

    FakeFail(FakeWorld world) {
        super(world, DESCRIPTOR);
    }

    @Override
    public ToolResult execute(ToolCall call, ToolContext context) {
        world.recordExecution(call, context);
        String message = FakeCalls.text(call, "message");
        message.lines().forEach(context::emit);
        ToolResult partial = new ToolResult(Transport.LOCAL, FakeCalls.command(call), 1, null, message, null, Map.of());
        throw new ToolException(ToolFailure.TOOL_FAILED, "fake.fail exited 1: " + message, partial);
    }
}
