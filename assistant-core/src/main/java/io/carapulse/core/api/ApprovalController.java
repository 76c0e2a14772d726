package io.carapulse.core.api;

import io.carapulse.api.dto.ApprovalView;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.core.approval.ApprovalRepository;
import io.carapulse.core.approval.ApprovalService;
import io.carapulse.core.auth.Actors;
import io.carapulse.core.policy.PolicyService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.util.List;

/**
 * {@code GET /v1/approvals?status=pending}: what waits for a decision; {@code GET /v1/approvals/{id}}:
 * one request with its channels (Linear issue, PagerDuty incident) and their evidence.
 */
@ProblemResponses
@Controller("/v1/approvals")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ApprovalController {

    private final ApprovalService approvals;
    private final ApprovalRepository rows;
    private final PolicyService policy;
    private final Views views;

    public ApprovalController(ApprovalService approvals, ApprovalRepository rows, PolicyService policy, Views views) {
        this.approvals = approvals;
        this.rows = rows;
        this.policy = policy;
        this.views = views;
    }

    @Get
    public List<ApprovalView> list(@Nullable @QueryValue String status, Authentication auth) {
        policy.requireReader(Actors.of(auth), "approval.list", "approval", null);
        if (status != null && !status.equals("pending")) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "status must be 'pending'");
        }
        approvals.expireAllDue();
        return approvals.pending().stream().map(views::approval).toList();
    }

    @Get("/{id}")
    public ApprovalView get(@PathVariable String id, Authentication auth) {
        policy.requireReader(Actors.of(auth), "approval.read", "approval", id);
        return rows.findById(id).map(views::approval)
                .orElseThrow(() -> new ProblemException(ProblemCode.NOT_FOUND, "no approval " + id));
    }
}
