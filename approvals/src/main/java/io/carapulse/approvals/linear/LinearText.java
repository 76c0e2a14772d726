package io.carapulse.approvals.linear;

import io.carapulse.api.approval.ApprovalRequest;
import io.carapulse.api.approval.ChannelUpdate;

/** What approvers read in Linear: the title and body, and our comments. Markdown. */
final class LinearText {

    private LinearText() {
    }

    static String title(ApprovalRequest r) {
        String title = "Approve [" + r.environment() + "] " + r.summary() + (r.breakGlass() ? " (break-glass)" : "");
        return title.length() > 250 ? title.substring(0, 249) + "…" : title;
    }

    static String body(ApprovalRequest r) {
        StringBuilder b = new StringBuilder();
        b.append("Carapulse asks for approval of plan `").append(r.planId()).append("` in **")
                .append(r.environment()).append("**.\n\n");
        b.append("- Requested by: ").append(r.requester()).append('\n');
        b.append("- Fingerprint: `").append(r.fingerprint()).append("`\n");
        b.append("- Expires: ").append(r.expiresAt()).append('\n');
        if (r.breakGlass()) {
            b.append("- **Break-glass**: approving needs an admin and a written reason (comment it here first)\n");
        }
        if (r.planUrl() != null) {
            b.append("- Plan: ").append(r.planUrl()).append('\n');
        }
        b.append("\n| # | stage | tool | action | target | class |\n|---|---|---|---|---|---|\n");
        for (ApprovalRequest.Step s : r.steps()) {
            b.append("| ").append(s.position()).append(" | ").append(s.stage()).append(" | ").append(s.tool())
                    .append(" | ").append(s.action()).append(" | `").append(cell(s.target())).append("` | ")
                    .append(s.actionClass()).append(" |\n");
        }
        for (ApprovalRequest.Step s : r.steps()) {
            if (s.revertAfter() != null) {
                b.append("\n**Step ").append(s.position()).append(" is time-boxed**: its change is reverted ")
                        .append(s.revertAfter()).append(" after the execution succeeds, without another approval.\n");
            }
        }
        for (ApprovalRequest.Step s : r.steps()) {
            if (s.preview() != null) {
                change(b, s, r.planUrl());
            }
        }
        b.append("\nTo decide, replace the label `").append(LinearLabels.PENDING).append("` with `")
                .append(LinearLabels.APPROVED).append("` or `").append(LinearLabels.REJECTED)
                .append("`. Carapulse checks who applied it (by your Linear email), your role, that you did not ")
                .append("request the plan, and, where the environment says so, that you are on call.\n");
        return b.toString();
    }

    /** The most characters of one step's diff shown in the issue; the plan page shows all of it. */
    static final int MAX_DIFF = 30_000;

    /** A step's change as approved: its summary, the diff's SHA-256 and the diff in a fenced block. */
    private static void change(StringBuilder b, ApprovalRequest.Step s, java.net.URI planUrl) {
        ApprovalRequest.Preview p = s.preview();
        b.append("\n**Step ").append(s.position()).append(" changes:** ").append(p.summary().replace("\n", " "))
                .append(" (diff sha256 `").append(p.diffSha256()).append("`)\n\n");
        String diff = p.diff();
        boolean cut = diff.length() > MAX_DIFF;
        if (cut) {
            diff = diff.substring(0, diff.lastIndexOf('\n', MAX_DIFF) + 1);
        }
        String fence = "```";
        while (diff.contains(fence)) {
            fence += "`";
        }
        b.append(fence).append("diff\n").append(diff).append(diff.endsWith("\n") ? "" : "\n").append(fence).append('\n');
        if (cut) {
            b.append("\nThe diff is cut here; the whole diff is on the plan page")
                    .append(planUrl == null ? "" : " (" + planUrl + ")").append(".\n");
        }
    }

    static String decided(ChannelUpdate.Decided d) {
        return (d.approved() ? "Approved" : "Rejected") + " by " + d.decidedBy() + " through Carapulse ("
                + d.via() + ")." + (d.note() == null || d.note().isBlank() ? "" : "\n\n> " + d.note());
    }

    static String refused(ChannelUpdate.Refused r) {
        return "Decision refused: " + r.reason() + "\n\nThe request is still pending; the label is back to `"
                + LinearLabels.PENDING + "`.";
    }

    static String expired() {
        return "This approval request expired without being used. Edit or resubmit the plan in Carapulse to ask again.";
    }

    static String superseded(ChannelUpdate.Superseded s) {
        return "This approval request no longer applies: " + s.why() + ". Decisions here are ignored.";
    }

    static String executed(ChannelUpdate.ExecutionEnded e) {
        return "Execution `" + e.executionId() + "` ended **" + e.status() + "**."
                + (e.detail() == null || e.detail().isBlank() ? "" : "\n\n> " + e.detail())
                + (e.evidenceUrl() == null ? "" : "\n\nEvidence: " + e.evidenceUrl());
    }

    private static String cell(String text) {
        String t = text.replace("|", "\\|").replace("`", "'").replace("\n", " ");
        return t.length() > 200 ? t.substring(0, 199) + "…" : t;
    }
}
