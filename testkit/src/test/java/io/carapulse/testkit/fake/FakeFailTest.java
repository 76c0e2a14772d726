package io.carapulse.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.testkit.tool.RecordingToolContext;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FakeFailTest {

    private final FakeWorld world = new FakeWorld();
    private final FakeTool tool = new FakeTool(world);
    private final RecordingToolContext context = RecordingToolContext.withTimeout(Duration.ofSeconds(30));

    @Test
    void shouldFailWithToolFailedCarryingPartialEvidence() {
        ToolCall call = new ToolCall("fake", "fail",
                JsonNodeFactory.instance.objectNode().put("message", "connection refused"), "dev");

        Throwable failure = catchThrowable(() -> tool.action("fail").orElseThrow().execute(call, context));

        assertThat(failure).isInstanceOfSatisfying(ToolException.class, e -> {
            assertThat(e.code()).isEqualTo("tool_failed");
            assertThat(e.retriable()).isFalse();
            assertThat(e.getMessage()).contains("connection refused");
            ToolResult partial = e.partial().orElseThrow();
            assertThat(partial.transport()).isEqualTo(Transport.LOCAL);
            assertThat(partial.exitCode()).isEqualTo(1);
            assertThat(partial.output()).isEqualTo("connection refused");
            assertThat(partial.command()).containsExactly("fake", "fail", "message=connection refused");
        });
        assertThat(context.lines()).containsExactly("connection refused");
        assertThat(world.executions()).extracting(JournalEntry::qualifiedName).containsExactly("fake.fail");
    }
}
