package io.carapulse.tools.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.api.tool.ToolCallOrigin;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.testkit.tool.RecordingToolContext;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The context Helm runs release reads in drops live lines only: who and what the call is for passes through. */
class QuietContextTest {

    @Test
    void shouldKeepTheCallsOriginDeadlineAndCancellationButNoLines() {
        RecordingToolContext ctx = RecordingToolContext.withTimeout(Duration.ofSeconds(5));
        ToolCallOrigin origin = new ToolCallOrigin("pln_1", "exe_1", 2, ToolCallOrigin.ACT, "prod", "token:tok_a",
                Optional.of("token:tok_b"));
        ctx.setOrigin(origin);

        ToolContext quiet = HelmCalls.quiet(ctx);
        quiet.emit("a whole release, not for the live stream");

        assertThat(quiet.origin()).contains(origin);
        assertThat(quiet.deadline()).isEqualTo(ctx.deadline());
        assertThat(quiet.cancellation()).isSameAs(ctx.cancellation());
        assertThat(ctx.lines()).isEmpty();
    }
}
