package io.carapulse.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.carapulse.api.tool.StepPreview;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.testkit.tool.RecordingToolContext;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code fake.configure}: a write that previews its diff and refuses when its file moved after the preview. */
class FakeConfigureTest {

    private final FakeWorld world = new FakeWorld();
    private final ToolAction configure = new FakeTool(world).actions().stream()
            .filter(a -> a.descriptor().name().equals("configure")).findFirst().orElseThrow();

    private static ToolCall call(String text) {
        return new ToolCall("fake", "configure", JsonNodeFactory.instance.objectNode().put("name", "web-values")
                .put("text", text), "prod");
    }

    private static RecordingToolContext context() {
        return RecordingToolContext.withTimeout(Duration.ofSeconds(5));
    }

    @Test
    void thePreviewIsTheDiffAgainstTheFileAndTheWriteNeedsItUnmoved() {
        world.config("web-values", "replicas: 2\nimage: web:1\n");
        StepPreview preview = configure.preview(call("replicas: 3\nimage: web:1\n"), context()).orElseThrow();
        assertThat(preview.diff()).isEqualTo("--- a/web-values\n+++ b/web-values\n@@ -1,2 +1,2 @@\n-replicas: 2\n-image: web:1\n"
                + "+replicas: 3\n+image: web:1\n");
        assertThat(preview.summary()).isEqualTo("1 file, web-values at v1: +2 -2");

        assertThatThrownBy(() -> configure.execute(call("replicas: 3\nimage: web:1\n"), context()))
                .isInstanceOf(ToolException.class).extracting(e -> ((ToolException) e).failure())
                .isEqualTo(ToolFailure.PRECONDITION_FAILED);

        assertThat(configure.execute(call("replicas: 3\nimage: web:1\n"), context().setPreview(preview)).externalIds())
                .containsEntry("diff.sha256", preview.diffSha256()).containsEntry("version", "2");
        assertThat(world.config("web-values").text()).isEqualTo("replicas: 3\nimage: web:1\n");

        assertThatThrownBy(() -> configure.execute(call("replicas: 4\n"), context().setPreview(preview)))
                .isInstanceOf(ToolException.class).hasMessageContaining("changed since the diff was approved (v1 then, v2 now)");
        assertThat(world.config("web-values").version()).isEqualTo(2);
    }

    @Test
    void aChangeThatChangesNothingIsRefusedAtPlanTime() {
        world.config("web-values", "x\n");
        assertThatThrownBy(() -> configure.preview(call("x\n"), context())).isInstanceOf(ToolException.class)
                .hasMessage("text: web-values already reads that");
    }
}
