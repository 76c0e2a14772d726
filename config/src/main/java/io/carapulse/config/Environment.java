package io.carapulse.config;

import io.carapulse.api.auth.Role;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A validated environment: where plans run and the policy that governs them.
 *
 * @param name        e.g. {@code prod}
 * @param description one line for people
 * @param policy      who may request, approve and execute, and how
 * @param inventory   the targets its steps may touch (S6)
 */
public record Environment(String name, String description, Policy policy, Inventory inventory) {

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
     * @param approvalProviders who must decide, e.g. {@code [local]}
     */
    public record Policy(
            Set<Role> requestRoles,
            Set<Role> approveRoles,
            Set<Role> executeRoles,
            boolean selfApproval,
            boolean breakGlassAllowed,
            Set<Role> breakGlassRoles,
            Duration approvalTtl,
            List<String> approvalProviders) {

        public Policy {
            requestRoles = Set.copyOf(requestRoles);
            approveRoles = Set.copyOf(approveRoles);
            executeRoles = Set.copyOf(executeRoles);
            breakGlassRoles = Set.copyOf(breakGlassRoles);
            approvalProviders = List.copyOf(approvalProviders);
        }
    }
}
