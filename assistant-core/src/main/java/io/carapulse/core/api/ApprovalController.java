package io.carapulse.core.api;

import io.carapulse.api.dto.ApprovalView;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.core.approval.ApprovalService;
import io.carapulse.core.auth.Actors;
import io.carapulse.core.policy.PolicyService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.util.List;

/** {@code GET /v1/approvals?status=pending}: what waits for a decision. */
@ProblemResponses
@Controller("/v1/approvals")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ApprovalController {

    private final ApprovalService approvals;
    private final PolicyService policy;

    public ApprovalController(ApprovalService approvals, PolicyService policy) {
        this.approvals = approvals;
        this.policy = policy;
    }

    @Get
    public List<ApprovalView> list(@Nullable @QueryValue String status, Authentication auth) {
        policy.requireReader(Actors.of(auth), "approval.list", "approval", null);
        if (status != null && !status.equals("pending")) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "status must be 'pending'");
        }
        approvals.expireAllDue();
        return approvals.pending().stream().map(Views::approval).toList();
    }
}
