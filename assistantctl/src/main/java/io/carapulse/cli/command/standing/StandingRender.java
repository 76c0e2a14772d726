package io.carapulse.cli.command.standing;

import io.carapulse.api.dto.StandingApprovalView;
import java.io.PrintWriter;

/** The human form of a standing approval. */
final class StandingRender {

    private StandingRender() {
    }

    static void detail(PrintWriter out, StandingApprovalView s) {
        field(out, "Standing approval", s.id());
        field(out, "Runbook", s.runbook() + " v" + s.version());
        field(out, "Environment", s.environment());
        field(out, "Bounds", StandingApprovals.compact(s.bounds()));
        field(out, "Status", s.status());
        field(out, "Granted", (s.grantedAt() == null ? "-" : s.grantedAt().toString())
                + (s.grantedBy() == null ? "" : " by " + s.grantedBy()));
        field(out, "Expires", s.expiresAt() == null ? null : s.expiresAt().toString());
        field(out, "Note", s.note());
        if (s.endedAt() != null) {
            field(out, "Ended", s.endedAt() + (s.endedBy() == null ? "" : " by " + s.endedBy())
                    + (s.endReason() == null ? "" : ": " + s.endReason()));
        }
        out.flush();
    }

    private static void field(PrintWriter out, String name, String value) {
        out.printf("%-19s%s%n", name + ":", value == null || value.isEmpty() ? "-" : value);
    }
}
