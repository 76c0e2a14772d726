package io.carapulse.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * An environment as the API shows it: its policy, the targets its steps may touch and its guard
 * rails. Never a credential, nor where one is kept.
 *
 * @param approvalTtl how long a request or an approval stays valid, e.g. {@code 24h}
 * @param approvals   where approval requests go ({@code local}, {@code linear}, {@code pagerduty})
 * @param targets     one line per declared target (clusters and namespaces, Argo CD projects, …)
 */
public record EnvironmentView(
        String name,
        String description,
        List<String> requestRoles,
        List<String> approveRoles,
        List<String> executeRoles,
        boolean selfApproval,
        boolean breakGlassAllowed,
        List<String> breakGlassRoles,
        String approvalTtl,
        List<String> approvals,
        List<String> targets,
        GuardRails guardRails) {

    /**
     * The environment's guard rails; absent parts restrict nothing.
     *
     * @param standingApprovalMax the longest standing approval that may be granted here; absent: none may
     */
    public record GuardRails(
            List<Window> maintenanceWindows,
            List<Freeze> freezes,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer maxWriteStepsPerPlan,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer maxRunningWrites,
            @JsonInclude(JsonInclude.Include.NON_NULL) String standingApprovalMax) {
    }

    /** A maintenance window: open for {@code duration} from each time {@code cron} fires in {@code timeZone}. */
    public record Window(String cron, String duration, String timeZone) {
    }

    /** A change freeze over {@code [from, to)}. */
    public record Freeze(Instant from, Instant to, String reason) {
    }
}
