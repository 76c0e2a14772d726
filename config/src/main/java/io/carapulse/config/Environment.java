package io.carapulse.config;

import io.carapulse.api.approval.OnCallDirectory.OnCallTarget;
import io.carapulse.api.auth.Role;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A validated environment: where plans run and the policy that governs them.
 *
 * @param name        e.g. {@code prod}
 * @param description one line for people
 * @param policy      who may request, approve and execute, and how
 * @param inventory   the targets its steps may touch (S6)
 * @param guardRails  when writes may start and how many at once
 */
public record Environment(String name, String description, Policy policy, Inventory inventory, GuardRails guardRails) {

    public Environment {
        Objects.requireNonNull(guardRails, "guardRails");
    }

    /** An environment without guard rails. */
    public Environment(String name, String description, Policy policy, Inventory inventory) {
        this(name, description, policy, inventory, GuardRails.NONE);
    }

    /**
     * The rules of an environment.
     *
     * @param requestRoles      may create plans
     * @param approveRoles      may decide approvals
     * @param executeRoles      may execute approved plans
     * @param selfApproval      the requester may approve their own plan
     * @param breakGlassAllowed BREAK_GLASS steps may run here at all
     * @param breakGlassRoles   may approve and execute BREAK_GLASS plans
     * @param approvalTtl       validity of a pending or granted approval
     * @param approvalProviders where requests go, e.g. {@code [local]} or {@code [linear, pagerduty]}
     * @param pagerDuty         PagerDuty's part: the on-call rule, paging, severity
     */
    public record Policy(
            Set<Role> requestRoles,
            Set<Role> approveRoles,
            Set<Role> executeRoles,
            boolean selfApproval,
            boolean breakGlassAllowed,
            Set<Role> breakGlassRoles,
            Duration approvalTtl,
            List<String> approvalProviders,
            PagerDuty pagerDuty) {

        public Policy {
            requestRoles = Set.copyOf(requestRoles);
            approveRoles = Set.copyOf(approveRoles);
            executeRoles = Set.copyOf(executeRoles);
            breakGlassRoles = Set.copyOf(breakGlassRoles);
            approvalProviders = List.copyOf(approvalProviders);
            Objects.requireNonNull(pagerDuty, "pagerDuty");
        }

        /** A policy without PagerDuty rules. */
        public Policy(Set<Role> requestRoles, Set<Role> approveRoles, Set<Role> executeRoles, boolean selfApproval,
                      boolean breakGlassAllowed, Set<Role> breakGlassRoles, Duration approvalTtl,
                      List<String> approvalProviders) {
            this(requestRoles, approveRoles, executeRoles, selfApproval, breakGlassAllowed, breakGlassRoles,
                    approvalTtl, approvalProviders, PagerDuty.NONE);
        }

        /** Whether requests here go to {@code provider}. */
        public boolean routesTo(String provider) {
            return approvalProviders.contains(provider);
        }

        /** Whether a request for a plan (break-glass or not) pages through PagerDuty here. */
        public boolean pages(boolean breakGlass) {
            return routesTo("pagerduty") && (pagerDuty.page() == PageWhen.ALWAYS || breakGlass);
        }
    }

    /** When an approval request pages. */
    public enum PageWhen {
        /** Every request. */
        ALWAYS,
        /** Only requests for plans with break-glass steps. */
        BREAK_GLASS
    }

    /**
     * PagerDuty's part in an environment's approvals.
     *
     * @param onCall     if present, an approver must be on call now for this schedule or escalation policy (S3)
     * @param page       when a request pages, if {@code pagerduty} is among the providers
     * @param severity   the Events v2 severity of the page
     * @param routingKey the environment's own routing key, else the global one
     */
    public record PagerDuty(Optional<OnCallTarget> onCall, PageWhen page, String severity,
                            Optional<SecretRef> routingKey) {

        public static final PagerDuty NONE = new PagerDuty(Optional.empty(), PageWhen.ALWAYS, "warning", Optional.empty());

        public PagerDuty {
            Objects.requireNonNull(onCall, "onCall");
            Objects.requireNonNull(page, "page");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(routingKey, "routingKey");
        }
    }
}
