package io.carapulse.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.testkit.tool.RecordingToolContext;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FakeReadsTest {

    private final FakeWorld world = new FakeWorld();
    private final FakeTool tool = new FakeTool(world);
    private final RecordingToolContext context = RecordingToolContext.withTimeout(Duration.ofSeconds(30));

    @Test
    void shouldReturnTheDeploymentStateOnGet() {
        world.deploy("web", 3);

        ToolResult result = run("get", args().put("name", "web"));

        assertThat(result.transport()).isEqualTo(Transport.LOCAL);
        assertThat(result.exitCode()).isZero();
        assertThat(result.command()).containsExactly("fake", "get", "name=web");
        assertThat(result.data().get("name").asText()).isEqualTo("web");
        assertThat(result.data().get("replicas").asInt()).isEqualTo(3);
        assertThat(result.data().get("resourceVersion").asText()).isEqualTo("1");
        assertThat(result.externalIds()).containsEntry("resourceVersion", "1");
        assertThat(result.output()).isEqualTo("deployment/web replicas=3 resourceVersion=1");
        assertThat(context.lines()).containsExactly(result.output());
    }

    @Test
    void shouldFailGetOfAnUnknownDeploymentWithNotFound() {
        assertThatThrownBy(() -> run("get", args().put("name", "ghost")))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.code()).isEqualTo("not_found");
                    assertThat(e.partial()).get().extracting(ToolResult::exitCode).isEqualTo(1);
                });
    }

    @Test
    void shouldEmitEachLineOfEchoedTextAndReturnItAsOutput() {
        String text = "token=canary-7f3a\nsecond line";

        ToolResult result = run("echo", args().put("text", text));

        assertThat(result.output()).isEqualTo(text);
        assertThat(context.lines()).containsExactly("token=canary-7f3a", "second line");
        assertThat(world.executions()).extracting(JournalEntry::qualifiedName).containsExactly("fake.echo");
    }

    @Test
    void shouldRepeatEchoedTextWhenAskedForSeveralLines() {
        ToolResult result = run("echo", args().put("text", "tick").put("lines", 3));

        assertThat(result.output()).isEqualTo("tick\ntick\ntick");
        assertThat(context.lines()).containsExactly("tick", "tick", "tick");
    }

    private ToolResult run(String action, ObjectNode args) {
        return tool.action(action).orElseThrow().execute(new ToolCall("fake", action, args, "dev"), context);
    }

    private static ObjectNode args() {
        return JsonNodeFactory.instance.objectNode();
    }
}
