package io.carapulse.core.execution;

import static io.carapulse.core.execution.ExecutionStatus.CANCELLED;
import static io.carapulse.core.execution.ExecutionStatus.FAILED;
import static io.carapulse.core.execution.ExecutionStatus.HELD;
import static io.carapulse.core.execution.ExecutionStatus.QUEUED;
import static io.carapulse.core.execution.ExecutionStatus.ROLLED_BACK;
import static io.carapulse.core.execution.ExecutionStatus.ROLLING_BACK;
import static io.carapulse.core.execution.ExecutionStatus.RUNNING;
import static io.carapulse.core.execution.ExecutionStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.core.plan.PlanStatus;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** An execution's allowed moves, and the plan state each end leaves behind. */
class ExecutionStatusTest {

    private static final Map<ExecutionStatus, Set<ExecutionStatus>> ALLOWED = Map.of(
            QUEUED, EnumSet.of(RUNNING, CANCELLED, FAILED),
            RUNNING, EnumSet.of(SUCCEEDED, FAILED, ROLLING_BACK, HELD, CANCELLED),
            ROLLING_BACK, EnumSet.of(ROLLED_BACK, FAILED, HELD),
            HELD, EnumSet.of(RUNNING, ROLLING_BACK, FAILED, CANCELLED),
            SUCCEEDED, EnumSet.noneOf(ExecutionStatus.class),
            FAILED, EnumSet.noneOf(ExecutionStatus.class),
            ROLLED_BACK, EnumSet.noneOf(ExecutionStatus.class),
            CANCELLED, EnumSet.noneOf(ExecutionStatus.class));

    @ParameterizedTest
    @EnumSource(ExecutionStatus.class)
    void shouldAllowExactlyTheMovesInTheTable(ExecutionStatus from) {
        for (ExecutionStatus to : ExecutionStatus.values()) {
            assertThat(from.canMoveTo(to)).as("%s -> %s", from, to).isEqualTo(ALLOWED.get(from).contains(to));
        }
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionStatus.class, names = {"SUCCEEDED", "FAILED", "ROLLED_BACK", "CANCELLED"})
    void shouldGiveATerminalStateNoSuccessorAndAPlanOutcome(ExecutionStatus terminal) {
        assertThat(terminal.terminal()).isTrue();
        assertThat(EnumSet.allOf(ExecutionStatus.class)).noneMatch(terminal::canMoveTo);
        assertThat(terminal.planOutcome()).contains(PlanStatus.valueOf(terminal.name()));
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionStatus.class, names = {"QUEUED", "RUNNING", "ROLLING_BACK", "HELD"})
    void shouldLeaveThePlanAsItIsWhileNotFinished(ExecutionStatus open) {
        assertThat(open.terminal()).isFalse();
        assertThat(open.planOutcome()).isEmpty();
    }

    @Test
    void shouldNotSucceedAnExecutionThatNeverRan() {
        assertThat(QUEUED.canMoveTo(SUCCEEDED)).isFalse();
        assertThat(HELD.canMoveTo(SUCCEEDED)).isFalse();
    }

    @Test
    void shouldNotEndARollbackAsASuccess() {
        assertThat(ROLLING_BACK.canMoveTo(SUCCEEDED)).isFalse();
        assertThat(ROLLING_BACK.canMoveTo(RUNNING)).isFalse();
    }
}
