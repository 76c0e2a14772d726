package io.carapulse.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.testkit.fake.JournalEntry.Kind;
import io.carapulse.testkit.tool.RecordingToolContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FakeReplicaWritesTest {

    private final FakeWorld world = new FakeWorld();
    private final FakeTool tool = new FakeTool(world);
    private final RecordingToolContext context = RecordingToolContext.withTimeout(Duration.ofSeconds(30));

    @Test
    void shouldCaptureTheReplicaCountReadBeforeActingAsTheInverse() {
        world.deploy("web", 3);
        ToolCall scale = call("scale", "web", 5);

        ToolCall inverse = action("scale").captureInverse(scale, context).orElseThrow();
        action("scale").execute(scale, context);

        assertThat(inverse.tool()).isEqualTo("fake");
        assertThat(inverse.action()).isEqualTo("scale");
        assertThat(inverse.environment()).isEqualTo("dev");
        assertThat(inverse.args()).isEqualTo(args("web", 3));
        assertThat(world.deployment("web").orElseThrow().replicas()).isEqualTo(5);
    }

    @Test
    void shouldRestoreTheOriginalStateByExecutingTheInverse() {
        world.deploy("web", 3);
        ToolCall scale = call("scale", "web", 5);
        ToolCall inverse = action("scale").captureInverse(scale, context).orElseThrow();
        action("scale").execute(scale, context);

        action("scale").execute(inverse, context);

        assertThat(world.deployment("web").orElseThrow().replicas()).isEqualTo(3);
        assertThat(world.journal()).extracting(JournalEntry::kind, e -> e.args().get("replicas").asInt())
                .containsExactly(
                        tuple(Kind.CAPTURE_INVERSE, 5),
                        tuple(Kind.EXECUTE, 5),
                        tuple(Kind.EXECUTE, 3));
    }

    @Test
    void shouldReportTheResourceVersionChangeAsEvidence() {
        world.deploy("web", 3);

        ToolResult result = action("scale").execute(call("scale", "web", 4), context);

        assertThat(result.exitCode()).isZero();
        assertThat(result.command()).containsExactly("fake", "scale", "name=web", "replicas=4");
        assertThat(result.externalIds()).containsOnly(Map.entry("resourceVersion", "1->2"));
        assertThat(result.data().get("replicas").asInt()).isEqualTo(4);
        assertThat(result.data().get("resourceVersion").asText()).isEqualTo("2");
        assertThat(result.output()).isEqualTo("deployment/web scale: replicas 3 -> 4");
        assertThat(context.lines()).containsExactly(result.output());
        assertThat(world.deployment("web").orElseThrow().resourceVersion()).isEqualTo(2);
    }

    @Test
    void shouldRefuseToScaleOrCaptureTheInverseOfAnUnknownDeployment() {
        ToolCall scale = call("scale", "ghost", 1);

        assertThatThrownBy(() -> action("scale").captureInverse(scale, context))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.code()).isEqualTo("not_found"));
        assertThatThrownBy(() -> action("scale").execute(scale, context))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.code()).isEqualTo("not_found"));
        assertThat(world.deployment("ghost")).isEmpty();
    }

    @Test
    void shouldPatchAsABreakGlassWriteWhoseInverseIsAPatch() {
        world.deploy("api", 2);
        ToolCall patch = call("patch", "api", 0);

        ToolCall inverse = action("patch").captureInverse(patch, context).orElseThrow();
        ToolResult result = action("patch").execute(patch, context);

        assertThat(inverse.action()).isEqualTo("patch");
        assertThat(inverse.args()).isEqualTo(args("api", 2));
        assertThat(result.data().get("replicas").asInt()).isZero();
        assertThat(world.deployment("api").orElseThrow().replicas()).isZero();
    }

    @Test
    void shouldNotTouchTheWorldWhenOnlyCapturingTheInverse() {
        world.deploy("web", 3);

        action("scale").captureInverse(call("scale", "web", 9), context);

        assertThat(world.deployment("web").orElseThrow()).isEqualTo(new Deployment("web", 3, 1));
        assertThat(world.executions()).isEmpty();
        assertThat(world.inverseCaptures()).hasSize(1);
    }

    private ToolAction action(String name) {
        return tool.action(name).orElseThrow();
    }

    private static ToolCall call(String action, String name, int replicas) {
        return new ToolCall("fake", action, args(name, replicas), "dev");
    }

    private static ObjectNode args(String name, int replicas) {
        return JsonNodeFactory.instance.objectNode().put("name", name).put("replicas", replicas);
    }
}
