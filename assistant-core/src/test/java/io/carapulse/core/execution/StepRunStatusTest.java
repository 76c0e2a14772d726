package io.carapulse.core.execution;

import static io.carapulse.core.execution.StepRunStatus.CANCELLED;
import static io.carapulse.core.execution.StepRunStatus.FAILED;
import static io.carapulse.core.execution.StepRunStatus.PENDING;
import static io.carapulse.core.execution.StepRunStatus.RUNNING;
import static io.carapulse.core.execution.StepRunStatus.SKIPPED;
import static io.carapulse.core.execution.StepRunStatus.SUCCEEDED;
import static io.carapulse.core.execution.StepRunStatus.TIMED_OUT;
import static io.carapulse.core.execution.StepRunStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.tool.ActionClass;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Design §4 and S10: a step run's allowed moves. */
class StepRunStatusTest {

    private static final Map<StepRunStatus, Set<StepRunStatus>> ALLOWED = Map.of(
            PENDING, EnumSet.of(RUNNING, SKIPPED, CANCELLED, FAILED),
            // RUNNING -> RUNNING: a READ step re-claimed after a restart runs again (new attempt)
            RUNNING, EnumSet.of(SUCCEEDED, FAILED, TIMED_OUT, CANCELLED, UNKNOWN, RUNNING),
            UNKNOWN, EnumSet.of(SUCCEEDED, FAILED),
            SUCCEEDED, EnumSet.noneOf(StepRunStatus.class),
            FAILED, EnumSet.noneOf(StepRunStatus.class),
            TIMED_OUT, EnumSet.noneOf(StepRunStatus.class),
            CANCELLED, EnumSet.noneOf(StepRunStatus.class),
            SKIPPED, EnumSet.noneOf(StepRunStatus.class));

    @ParameterizedTest
    @EnumSource(StepRunStatus.class)
    void shouldAllowExactlyTheMovesInTheTable(StepRunStatus from) {
        for (StepRunStatus to : StepRunStatus.values()) {
            assertThat(from.canMoveTo(to)).as("%s -> %s", from, to).isEqualTo(ALLOWED.get(from).contains(to));
        }
    }

    @ParameterizedTest
    @EnumSource(value = StepRunStatus.class, names = {"SUCCEEDED", "FAILED", "TIMED_OUT", "CANCELLED", "SKIPPED"})
    void shouldGiveAFinishedStepNoSuccessor(StepRunStatus done) {
        assertThat(EnumSet.allOf(StepRunStatus.class)).noneMatch(done::canMoveTo);
    }

    @Test
    void shouldSettleAnUnknownWriteOnlyAsSucceededOrFailedNeverByRunningItAgain() {
        assertThat(EnumSet.allOf(StepRunStatus.class).stream().filter(UNKNOWN::canMoveTo))
                .containsExactlyInAnyOrder(SUCCEEDED, FAILED);
        assertThat(UNKNOWN.canMoveTo(RUNNING)).isFalse();
        assertThat(UNKNOWN.canMoveTo(PENDING)).isFalse();
    }

    @Test
    void shouldNotFinishAStepThatNeverStartedAsSucceeded() {
        assertThat(PENDING.canMoveTo(SUCCEEDED)).isFalse();
        assertThat(PENDING.canMoveTo(UNKNOWN)).isFalse();
    }

    @Test
    void shouldRefuseAnIllegalMoveOnTheEntity() {
        StepRunEntity done = new StepRunEntity("stp_1", "exe_1", 0, 0, StepKind.ACT, "kubectl", "scale",
                ActionClass.WRITE, "{}", SUCCEEDED, 1, null, null, null, null, null, null);

        assertThatThrownBy(() -> done.running(Instant.EPOCH, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SUCCEEDED and cannot become RUNNING");
    }
}
