package io.carapulse.api.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who and what a call is for: a closed set of stages, no invented approver. */
class ToolCallOriginTest {

    @Test
    void shouldAcceptOnlyTheRuntimesStages() {
        assertThatThrownBy(() -> new ToolCallOrigin("pln_1", "exe_1", 0, "deploy", "prod", "oidc:a", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deploy");
        ToolCallOrigin act = new ToolCallOrigin("pln_1", "exe_1", 2, ToolCallOrigin.ACT, "prod", "oidc:a",
                Optional.of("oidc:b"));
        assertThat(act.withStage(ToolCallOrigin.INVERSE)).isEqualTo(new ToolCallOrigin("pln_1", "exe_1", 2,
                ToolCallOrigin.INVERSE, "prod", "oidc:a", Optional.of("oidc:b")));
    }

    @Test
    void shouldTreatAMissingOrBlankApproverAsNone() {
        assertThat(new ToolCallOrigin("pln_1", "exe_1", 0, "act", "dev", "oidc:a", null).approver()).isEmpty();
        assertThat(new ToolCallOrigin("pln_1", "exe_1", 0, "act", "dev", "oidc:a", Optional.of(" ")).approver())
                .isEmpty();
    }

    @Test
    void shouldHaveNoOriginInAContextThatDoesNotSayOne() {
        ToolContext bare = new ToolContext() {
            @Override
            public String executionId() {
                return "test";
            }

            @Override
            public java.time.Instant deadline() {
                return java.time.Instant.now();
            }

            @Override
            public void emit(String line) {
            }

            @Override
            public CancellationSignal cancellation() {
                return null;
            }
        };
        assertThat(bare.origin()).isEmpty();
    }
}
