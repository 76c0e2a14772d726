package io.carapulse.testkit.fake;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.api.tool.ActionDescriptor;
import io.carapulse.api.tool.StepPreview;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code fake.configure}: a WRITE that replaces the text of a fake configuration file and previews its
 * change as a proposed pull request does. Its preview is the line diff against the file as it is when the
 * plan is made, with the file's version as the basis; it refuses at execution ({@code precondition_failed})
 * when it has no approved preview or the file has another version now ({@link FakeWorld#configure}).
 */
final class FakeConfigure extends FakeAction {

    static final int MAX_TEXT = 4_000;

    private static final ActionDescriptor DESCRIPTOR = new ActionDescriptor(
            "configure",
            ActionClass.WRITE,
            "Replace the text of a fake configuration file; the plan shows the diff against the file as it is, and the"
                    + " step refuses if the file changed after that.",
            schema(),
            false,
            Set.of(Transport.LOCAL),
            Duration.ofSeconds(30));

    FakeConfigure(FakeWorld world) {
        super(world, DESCRIPTOR);
    }

    private static ObjectNode schema() {
        ObjectNode properties = Schemas.properties();
        properties.set("name", Schemas.name().put("description", "configuration file name"));
        properties.set("text", Schemas.text(0, MAX_TEXT, "the file's new text"));
        return Schemas.object(properties, "name", "text");
    }

    @Override
    public Optional<StepPreview> preview(ToolCall call, ToolContext context) {
        String name = FakeCalls.text(call, "name");
        String text = FakeCalls.text(call, "text");
        FakeWorld.Config now = world.config(name);
        if (now.text().equals(text)) {
            throw new ToolException(ToolFailure.INVALID_ARGUMENTS, "text: " + name + " already reads that", null);
        }
        StringBuilder diff = new StringBuilder("--- a/" + name + "\n+++ b/" + name + "\n");
        long before = now.text().lines().count();
        long after = text.lines().count();
        diff.append("@@ -").append(before == 0 ? 0 : 1).append(',').append(before).append(" +").append(after == 0 ? 0 : 1)
                .append(',').append(after).append(" @@\n");
        now.text().lines().forEach(l -> diff.append('-').append(l).append('\n'));
        text.lines().forEach(l -> diff.append('+').append(l).append('\n'));
        ObjectNode basis = JsonNodeFactory.instance.objectNode().put("name", name).put("version", now.version());
        return Optional.of(new StepPreview("1 file, " + name + " at v" + now.version() + ": +" + after + " -" + before,
                diff.toString(), basis));
    }

    @Override
    public ToolResult execute(ToolCall call, ToolContext context) {
        world.recordExecution(call, context);
        String name = FakeCalls.text(call, "name");
        StepPreview approved = context.preview().orElseThrow(() -> new ToolException(ToolFailure.PRECONDITION_FAILED,
                "this change has no approved diff", null));
        long version = approved.basis().path("version").asLong();
        FakeWorld.Config written = world.configure(name, FakeCalls.text(call, "text"), version).orElseThrow(() ->
                new ToolException(ToolFailure.PRECONDITION_FAILED, name + " changed since the diff was approved (v" + version
                        + " then, v" + world.config(name).version() + " now); nothing was written", null));
        String line = name + ": v" + version + " -> v" + written.version();
        context.emit(line);
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("name", name).put("version", written.version());
        return FakeCalls.success(call, line, data, Map.of("diff.sha256", approved.diffSha256(),
                "version", Long.toString(written.version())));
    }
}
