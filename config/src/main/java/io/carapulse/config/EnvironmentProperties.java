package io.carapulse.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One environment as written in configuration under {@code carapulse.environments.<name>}: the keys
 * every environment has (its policy). Raw strings on purpose: {@link EnvironmentCatalog} validates them
 * at start-up and turns them into {@link Environment}s, so a typo in a role stops the server with a
 * message naming the key. What an environment's steps may touch is each tool family's own section
 * ({@link InventorySection}), bound by the family.
 *
 * @param name              the environment's name (the map key), e.g. {@code prod}
 * @param description       one line shown to people
 * @param requestRoles      roles that may create plans here
 * @param approveRoles      roles that may decide approvals here
 * @param executeRoles      roles that may execute approved plans here
 * @param selfApproval      whether the requester may approve their own plan (only sensible for dev)
 * @param breakGlassAllowed whether BREAK_GLASS steps may run here at all
 * @param breakGlassRoles   roles that may approve and execute BREAK_GLASS plans (admin always)
 * @param approvalTtl       how long a pending or granted approval stays valid
 * @param approvals         approval providers that must decide, e.g. {@code [local]}
 * @param pagerduty         the PagerDuty rules of this environment's approvals: who must be on call, when
 *                          a request pages, with which severity and routing key
 * @param guardRails        when writes may start here and how many at once ({@link GuardRailsProperties})
 * @param capabilities      grants of capabilities ({@code credentials:<provider>}, {@code <tool>.<action>},
 *                          {@code <tool>.*}) to roles and principals: each {@code {grant, to}}; raw maps,
 *                          checked at start-up by the server's capability policy (which knows the tools
 *                          and providers)
 */
@EachProperty("carapulse.environments")
public record EnvironmentProperties(
        @Parameter String name,
        @Nullable String description,
        @Bindable(defaultValue = "operator") List<String> requestRoles,
        @Bindable(defaultValue = "approver") List<String> approveRoles,
        @Bindable(defaultValue = "operator") List<String> executeRoles,
        @Bindable(defaultValue = "false") boolean selfApproval,
        @Bindable(defaultValue = "false") boolean breakGlassAllowed,
        @Bindable(defaultValue = "admin") List<String> breakGlassRoles,
        @Bindable(defaultValue = "24h") Duration approvalTtl,
        @Bindable(defaultValue = "local") List<String> approvals,
        @Nullable PagerDutyProperties pagerduty,
        @Nullable GuardRailsProperties guardRails,
        @Nullable List<Map<String, Object>> capabilities) {

    /** The binding constructor (marked so, since the record has others). */
    @Creator
    public EnvironmentProperties {
    }

    /** An environment without capabilities. */
    public EnvironmentProperties(String name, String description, List<String> requestRoles, List<String> approveRoles,
                                 List<String> executeRoles, boolean selfApproval, boolean breakGlassAllowed,
                                 List<String> breakGlassRoles, Duration approvalTtl, List<String> approvals,
                                 PagerDutyProperties pagerduty, GuardRailsProperties guardRails) {
        this(name, description, requestRoles, approveRoles, executeRoles, selfApproval, breakGlassAllowed,
                breakGlassRoles, approvalTtl, approvals, pagerduty, guardRails, null);
    }

    /** An environment without guard rails. */
    public EnvironmentProperties(String name, String description, List<String> requestRoles, List<String> approveRoles,
                                 List<String> executeRoles, boolean selfApproval, boolean breakGlassAllowed,
                                 List<String> breakGlassRoles, Duration approvalTtl, List<String> approvals,
                                 PagerDutyProperties pagerduty) {
        this(name, description, requestRoles, approveRoles, executeRoles, selfApproval, breakGlassAllowed,
                breakGlassRoles, approvalTtl, approvals, pagerduty, null, null);
    }

    /** An environment without PagerDuty rules. */
    public EnvironmentProperties(String name, String description, List<String> requestRoles, List<String> approveRoles,
                                 List<String> executeRoles, boolean selfApproval, boolean breakGlassAllowed,
                                 List<String> breakGlassRoles, Duration approvalTtl, List<String> approvals) {
        this(name, description, requestRoles, approveRoles, executeRoles, selfApproval, breakGlassAllowed,
                breakGlassRoles, approvalTtl, approvals, null, null, null);
    }

    /**
     * {@code carapulse.environments.<name>.pagerduty.*}: what PagerDuty has to do with this environment's
     * approvals. Every part is optional.
     *
     * @param onCallSchedule         an approver must be on call now in this PagerDuty schedule ({@code PABC123})
     * @param onCallEscalationPolicy or on call now for this escalation policy (not both)
     * @param page                   when a request pages, if {@code pagerduty} is among {@code approvals}:
     *                               {@code always} (default) or {@code break-glass}
     * @param severity               the severity of the page: {@code critical}, {@code error}, {@code warning}
     *                               (default), {@code info}
     * @param routingKey             this environment's Events v2 routing key ({@code env:…} or {@code file:…});
     *                               else {@code carapulse.approvals.pagerduty.routing-key}
     */
    @ConfigurationProperties("pagerduty")
    public record PagerDutyProperties(
            @Nullable String onCallSchedule,
            @Nullable String onCallEscalationPolicy,
            @Bindable(defaultValue = "always") String page,
            @Bindable(defaultValue = "warning") String severity,
            @Nullable String routingKey) {
    }

    /**
     * {@code carapulse.environments.<name>.guard-rails.*}: limits on writes in this environment, checked by
     * {@link GuardRailsValidation} at start-up. Every part is optional; an absent part restricts nothing.
     *
     * @param maintenanceWindows   windows in which write plans may start: each with {@code cron} (six fields,
     *                             second first), {@code duration} and optionally {@code time-zone}; raw maps,
     *                             because Micronaut does not bind a list of records here
     * @param freezes              periods in which write plans may not start: each with {@code from},
     *                             {@code to} (date-times with an offset) and optionally {@code reason}
     * @param maxWriteStepsPerPlan the most steps that write one plan may have
     * @param maxRunningWrites     the most executions of write plans queued, running, rolling back or held
     *                             here at once
     * @param standingApprovalMax  the longest a standing approval granted here may last (e.g. {@code 7d});
     *                             absent: no standing approvals here
     * @param revertAfterMax       the longest a step's {@code revertAfter} may be here (e.g. {@code 8h});
     *                             absent: 24h
     */
    @ConfigurationProperties("guard-rails")
    public record GuardRailsProperties(
            @Nullable List<Map<String, Object>> maintenanceWindows,
            @Nullable List<Map<String, Object>> freezes,
            @Nullable Integer maxWriteStepsPerPlan,
            @Nullable Integer maxRunningWrites,
            @Nullable String standingApprovalMax,
            @Nullable String revertAfterMax) {
    }
}
