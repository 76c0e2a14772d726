package io.carapulse.core.plan;

import static io.carapulse.core.plan.PlanStatus.APPROVED;
import static io.carapulse.core.plan.PlanStatus.AWAITING_APPROVAL;
import static io.carapulse.core.plan.PlanStatus.CANCELLED;
import static io.carapulse.core.plan.PlanStatus.EXECUTING;
import static io.carapulse.core.plan.PlanStatus.EXPIRED;
import static io.carapulse.core.plan.PlanStatus.FAILED;
import static io.carapulse.core.plan.PlanStatus.READY;
import static io.carapulse.core.plan.PlanStatus.REJECTED;
import static io.carapulse.core.plan.PlanStatus.ROLLED_BACK;
import static io.carapulse.core.plan.PlanStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Design §4: every allowed move of a plan, and only those. */
class PlanStatusTest {

    /** The table as the design describes it, plus editing (back to READY/AWAITING_APPROVAL) before execution. */
    private static final Map<PlanStatus, Set<PlanStatus>> ALLOWED = Map.of(
            READY, EnumSet.of(READY, AWAITING_APPROVAL, EXECUTING, CANCELLED),
            AWAITING_APPROVAL, EnumSet.of(READY, AWAITING_APPROVAL, APPROVED, REJECTED, EXPIRED, CANCELLED),
            APPROVED, EnumSet.of(READY, AWAITING_APPROVAL, EXECUTING, EXPIRED, CANCELLED),
            REJECTED, EnumSet.of(READY, AWAITING_APPROVAL),
            EXPIRED, EnumSet.of(READY, AWAITING_APPROVAL),
            EXECUTING, EnumSet.of(SUCCEEDED, FAILED, ROLLED_BACK, CANCELLED),
            SUCCEEDED, EnumSet.noneOf(PlanStatus.class),
            FAILED, EnumSet.noneOf(PlanStatus.class),
            ROLLED_BACK, EnumSet.noneOf(PlanStatus.class),
            CANCELLED, EnumSet.noneOf(PlanStatus.class));

    @ParameterizedTest
    @EnumSource(PlanStatus.class)
    void shouldAllowExactlyTheMovesInTheTable(PlanStatus from) {
        for (PlanStatus to : PlanStatus.values()) {
            assertThat(from.canMoveTo(to)).as("%s -> %s", from, to).isEqualTo(ALLOWED.get(from).contains(to));
        }
    }

    @ParameterizedTest
    @EnumSource(value = PlanStatus.class, names = {"SUCCEEDED", "FAILED", "ROLLED_BACK", "CANCELLED"})
    void shouldGiveATerminalStateNoSuccessor(PlanStatus terminal) {
        assertThat(terminal.terminal()).isTrue();
        assertThat(terminal.editable()).isFalse();
        assertThat(EnumSet.allOf(PlanStatus.class)).noneMatch(terminal::canMoveTo);
    }

    @Test
    void shouldNeverExecuteAPlanThatStillAwaitsApprovalOrWasRefused() {
        assertThat(AWAITING_APPROVAL.canMoveTo(EXECUTING)).isFalse();
        assertThat(REJECTED.canMoveTo(EXECUTING)).isFalse();
        assertThat(EXPIRED.canMoveTo(EXECUTING)).isFalse();
        assertThat(REJECTED.canMoveTo(APPROVED)).isFalse();
        assertThat(EXPIRED.canMoveTo(APPROVED)).isFalse();
    }

    @Test
    void shouldNotApproveAPlanThatHasNothingToApprove() {
        assertThat(READY.canMoveTo(APPROVED)).isFalse();
    }

    @Test
    void shouldNeverMoveAnExecutingPlanBackBeforeExecution() {
        assertThat(EXECUTING.canMoveTo(APPROVED)).isFalse();
        assertThat(EXECUTING.canMoveTo(READY)).isFalse();
        assertThat(EXECUTING.canMoveTo(AWAITING_APPROVAL)).isFalse();
        assertThat(EXECUTING.editable()).isFalse();
        assertThat(EXECUTING.terminal()).isFalse();
    }

    @Test
    void shouldLetOnlyPlansThatHaveNotStartedBeEdited() {
        assertThat(EnumSet.allOf(PlanStatus.class).stream().filter(PlanStatus::editable))
                .containsExactlyInAnyOrder(READY, AWAITING_APPROVAL, APPROVED, REJECTED, EXPIRED);
    }
}
