package io.carapulse.cli.command.plan;

import io.carapulse.api.dto.ApprovalView;
import io.carapulse.api.dto.Assertion;
import io.carapulse.api.dto.PlanOrigin;
import io.carapulse.api.dto.PlanView;
import io.carapulse.api.dto.StepView;
import io.carapulse.cli.output.Style;
import io.carapulse.cli.output.Table;
import java.io.PrintWriter;

/** The table form of one plan: its header, its steps with their classes, its approval. */
public final class PlanRender {

    private PlanRender() {
    }

    public static void detail(PrintWriter out, Style style, PlanView p) {
        field(out, "Plan", p.id());
        field(out, "Environment", p.environment());
        field(out, "Summary", p.summary());
        field(out, "Status", style.status(p.status()));
        field(out, "Requester", p.requester());
        field(out, "Fingerprint", p.fingerprint());
        field(out, "Needs approval", p.requiresApproval() ? (p.breakGlass() ? "yes (break-glass)" : "yes") : "no");
        field(out, "Created", p.createdAt() == null ? null : p.createdAt().toString());
        if (p.executionId() != null) {
            field(out, "Execution", p.executionId());
        }
        if (p.origin() != null) {
            field(out, "Origin", origin(p.origin()));
        }
        out.println();
        Table steps = Table.of("#", "STAGE", "STEP", "CLASS", "ARGS", "ASSERT");
        for (StepView s : p.steps()) {
            steps.row(s.position(), s.stage(), s.tool() + "." + s.action(),
                    style.status(s.actionClass() == null ? null : s.actionClass().name()),
                    s.args() == null ? null : s.args().toString(), assertion(s.assertion()));
        }
        steps.print(out);
        if (p.steps().stream().anyMatch(s -> s.revertAfter() != null)) {
            out.println();
        }
        for (StepView s : p.steps()) {
            if (s.revertAfter() != null) {
                out.println(style.bold("Step " + s.position() + " is time-boxed:") + " reverted " + s.revertAfter()
                        + " after the execution succeeds (assistantctl revert list)");
            }
        }
        for (StepView s : p.steps()) {
            if (s.preview() != null) {
                out.println();
                out.println(style.bold("Step " + s.position() + " changes:") + " " + s.preview().summary());
                out.println(style.dim("diff sha256 " + s.preview().diffSha256()));
                s.preview().diff().lines().forEach(l -> out.println(style.diffLine(l)));
            }
        }
        ApprovalView a = p.approval();
        if (a != null) {
            out.println();
            field(out, "Approval", style.status(a.status()) + " via " + String.join(", ", a.providers())
                    + ", requested by " + a.requestedBy() + (a.expiresAt() == null ? "" : ", expires " + a.expiresAt()));
            if (a.decidedBy() != null) {
                field(out, "Decided", "by " + a.decidedBy() + " at " + a.decidedAt()
                        + (a.note() == null ? "" : ": " + a.note()));
            }
            if (a.breakGlassReason() != null) {
                field(out, "Break-glass", a.breakGlassReason());
            }
        }
        out.flush();
    }

    /** {@code runbook scale-service v2 (api) params {"name":"web","replicas":3}}. */
    public static String origin(PlanOrigin o) {
        return "runbook " + o.runbook() + " v" + o.version() + " (" + o.trigger()
                + (o.scheduleId() == null ? "" : " " + o.scheduleId()) + ")"
                + (o.params() == null || o.params().isEmpty() ? "" : " params " + o.params());
    }

    static String assertion(Assertion a) {
        if (a == null) {
            return null;
        }
        return a.pointer() + " " + a.op() + (a.value() == null || a.value().isNull() ? "" : " " + a.value());
    }

    private static void field(PrintWriter out, String name, String value) {
        out.printf("%-16s%s%n", name + ":", value == null ? "-" : value);
    }
}
