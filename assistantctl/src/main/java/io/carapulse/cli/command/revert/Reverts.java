package io.carapulse.cli.command.revert;

import io.carapulse.api.dto.RevertView;
import io.carapulse.cli.http.ApiClient;
import java.io.PrintWriter;

/** The revert API's paths and the human form of a revert. */
final class Reverts {

    static final String BASE = "/v1/reverts";

    private Reverts() {
    }

    static String path(String id) {
        return BASE + "/" + ApiClient.segment(id);
    }

    /** {@code SCHEDULED}, or for a started revert its execution's status: {@code STARTED (SUCCEEDED)}. */
    static String status(RevertView r) {
        return r.revertStatus() == null ? r.status() : r.status() + " (" + r.revertStatus() + ")";
    }

    static String inverse(RevertView r) {
        return r.tool() + "." + r.action() + " " + (r.args() == null ? "{}" : r.args().toString());
    }

    static void detail(PrintWriter out, RevertView r) {
        field(out, "Revert", r.id());
        field(out, "Status", status(r));
        field(out, "Environment", r.environment());
        field(out, "Change", "step " + r.position() + " of plan " + r.planId() + ", execution " + r.executionId());
        field(out, "Inverse", inverse(r));
        field(out, "Due", r.dueAt() == null ? null : r.dueAt().toString());
        field(out, "Requested by", r.requester());
        field(out, "Approval", r.approvalId());
        field(out, "Updated", r.updatedAt() + " by " + r.updatedBy());
        field(out, "Note", r.note());
        if (r.revertExecutionId() != null) {
            field(out, "Revert execution", r.revertExecutionId() + " (plan " + r.revertPlanId() + ")");
        }
        out.flush();
    }

    private static void field(PrintWriter out, String name, String value) {
        out.printf("%-18s%s%n", name + ":", value == null || value.isEmpty() ? "-" : value);
    }
}
