package io.carapulse.core.approval;

import static io.carapulse.core.approval.ApprovalStatus.APPROVED;
import static io.carapulse.core.approval.ApprovalStatus.CONSUMED;
import static io.carapulse.core.approval.ApprovalStatus.EXPIRED;
import static io.carapulse.core.approval.ApprovalStatus.PENDING;
import static io.carapulse.core.approval.ApprovalStatus.REJECTED;
import static io.carapulse.core.approval.ApprovalStatus.VOIDED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** S2: an approval is used once, and nothing reopens it. */
class ApprovalStatusTest {

    private static final Map<ApprovalStatus, Set<ApprovalStatus>> ALLOWED = Map.of(
            PENDING, EnumSet.of(APPROVED, REJECTED, EXPIRED, VOIDED),
            APPROVED, EnumSet.of(CONSUMED, EXPIRED, VOIDED),
            REJECTED, EnumSet.noneOf(ApprovalStatus.class),
            EXPIRED, EnumSet.noneOf(ApprovalStatus.class),
            VOIDED, EnumSet.noneOf(ApprovalStatus.class),
            CONSUMED, EnumSet.noneOf(ApprovalStatus.class));

    @ParameterizedTest
    @EnumSource(ApprovalStatus.class)
    void shouldAllowExactlyTheMovesInTheTable(ApprovalStatus from) {
        for (ApprovalStatus to : ApprovalStatus.values()) {
            assertThat(from.canMoveTo(to)).as("%s -> %s", from, to).isEqualTo(ALLOWED.get(from).contains(to));
        }
    }

    @ParameterizedTest
    @EnumSource(value = ApprovalStatus.class, names = {"CONSUMED", "REJECTED", "EXPIRED", "VOIDED"})
    void shouldNeverBecomeApprovedOrPendingAgainOnceClosed(ApprovalStatus closed) {
        assertThat(closed.canMoveTo(APPROVED)).isFalse();
        assertThat(closed.canMoveTo(PENDING)).isFalse();
        assertThat(closed.open()).isFalse();
    }

    @Test
    void shouldNotConsumeAnApprovalThatWasNeverGranted() {
        assertThat(PENDING.canMoveTo(CONSUMED)).isFalse();
    }

    @Test
    void shouldNotConsumeAnApprovalTwice() {
        assertThat(CONSUMED.canMoveTo(CONSUMED)).isFalse();
    }

    @Test
    void shouldNotMoveAGrantedApprovalBackToPending() {
        assertThat(APPROVED.canMoveTo(PENDING)).isFalse();
    }

    @Test
    void shouldCountOnlyPendingAndApprovedAsOpen() {
        assertThat(EnumSet.allOf(ApprovalStatus.class).stream().filter(ApprovalStatus::open))
                .containsExactlyInAnyOrder(PENDING, APPROVED);
    }
}
