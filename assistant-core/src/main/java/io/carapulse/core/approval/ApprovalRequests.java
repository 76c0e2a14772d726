package io.carapulse.core.approval;

import io.carapulse.api.approval.ApprovalRequest;
import io.carapulse.api.redact.Redactor;
import io.carapulse.core.plan.PlanEntity;
import io.carapulse.core.plan.PlanRepository;
import io.carapulse.core.plan.PlanStepEntity;
import io.carapulse.core.plan.PlanStepRepository;
import jakarta.inject.Singleton;

/** What a channel is told about a request, built from the stored approval and plan, redacted (S4). */
@Singleton
public class ApprovalRequests {

    private final ApprovalRepository approvals;
    private final PlanRepository plans;
    private final PlanStepRepository steps;
    private final ApprovalsConfiguration config;

    public ApprovalRequests(ApprovalRepository approvals, PlanRepository plans, PlanStepRepository steps,
                            ApprovalsConfiguration config) {
        this.approvals = approvals;
        this.plans = plans;
        this.steps = steps;
        this.config = config;
    }

    ApprovalRequest of(ChannelEntity channel) {
        ApprovalEntity a = approvals.findById(channel.approvalId()).orElseThrow();
        PlanEntity p = plans.findById(a.planId()).orElseThrow();
        Redactor redactor = Redactor.patterns();
        return new ApprovalRequest(a.id(), channel.channelKey(), p.id(), p.environment(), redactor.redact(p.summary()),
                a.requestedByName() == null ? a.requestedBy() : a.requestedByName(), a.fingerprint(), p.breakGlass(),
                steps.findByPlanIdOrderByPosition(p.id()).stream().map(s -> step(s, redactor)).toList(), a.expiresAt(),
                config.link("/v1/plans/" + p.id()));
    }

    private static ApprovalRequest.Step step(PlanStepEntity s, Redactor redactor) {
        return new ApprovalRequest.Step(s.position() + 1, s.stage(), s.tool(), s.action(), s.actionClass().name(),
                redactor.redact(s.argsJson()), s.preview().map(p -> new ApprovalRequest.Preview(redactor.redact(p.summary()),
                redactor.redact(p.diff()), p.diffSha256())).orElse(null), s.revertAfterSeconds() == null ? null
                : io.carapulse.core.common.Durations.format(java.time.Duration.ofSeconds(s.revertAfterSeconds())));
    }
}
