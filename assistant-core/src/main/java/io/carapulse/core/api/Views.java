package io.carapulse.core.api;

import io.carapulse.api.dto.ApprovalChannelView;
import io.carapulse.api.dto.ApprovalView;
import io.carapulse.api.dto.ErrorInfo;
import io.carapulse.api.dto.ExecutionView;
import io.carapulse.api.dto.PlanView;
import io.carapulse.api.dto.StepRunView;
import io.carapulse.api.dto.StepView;
import io.carapulse.core.approval.ApprovalEntity;
import io.carapulse.core.approval.ApprovalService;
import io.carapulse.core.approval.ChannelEntity;
import io.carapulse.core.approval.ChannelRepository;
import io.carapulse.core.common.Json;
import io.carapulse.core.execution.ExecutionEntity;
import io.carapulse.core.execution.ExecutionRepository;
import io.carapulse.core.execution.StepRunEntity;
import io.carapulse.core.execution.StepRunRepository;
import io.carapulse.core.plan.PlanEntity;
import io.carapulse.core.plan.PlanService;
import io.carapulse.core.runbook.StandingApprovals;
import io.carapulse.core.plan.PlanStepEntity;
import io.carapulse.core.plan.ValidatedStep;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Turns stored rows into the API's records. */
@Singleton
public class Views {

    private final PlanService plans;
    private final ApprovalService approvals;
    private final ExecutionRepository executions;
    private final StepRunRepository stepRuns;
    private final ChannelRepository channels;
    private final StandingApprovals standingApprovals;

    public Views(PlanService plans, ApprovalService approvals, ExecutionRepository executions,
                 StepRunRepository stepRuns, ChannelRepository channels, StandingApprovals standingApprovals) {
        this.standingApprovals = standingApprovals;
        this.plans = plans;
        this.approvals = approvals;
        this.executions = executions;
        this.stepRuns = stepRuns;
        this.channels = channels;
    }

    public PlanView plan(PlanEntity p) {
        List<StepView> steps = plans.steps(p.id()).stream().map(Views::step).toList();
        ApprovalView approval = approvals.latest(p.id()).map(this::approval).orElse(null);
        String executionId = executions.findByPlanId(p.id()).map(ExecutionEntity::id).orElse(null);
        return new PlanView(p.id(), p.environment(), p.summary(), p.requester(), p.status().name(), p.fingerprint(),
                p.requiresApproval(), p.breakGlass(), p.createdAt(), p.updatedAt(), steps, approval, executionId,
                plans.origin(p.id()).orElse(null));
    }

    /** A plan in a listing: without steps, approval and execution (left out, never shown empty), to keep listings small. */
    public PlanView planSummary(PlanEntity p) {
        return new PlanView(p.id(), p.environment(), p.summary(), p.requester(), p.status().name(), p.fingerprint(),
                p.requiresApproval(), p.breakGlass(), p.createdAt(), p.updatedAt(), null, null, null, null);
    }

    static StepView step(PlanStepEntity s) {
        ValidatedStep v = s.toValidated();
        return new StepView(v.position(), v.stage().wire(), v.tool(), v.action(), v.actionClass(), v.args(),
                v.assertion(), v.timeoutSeconds(), v.preview() == null ? null
                : new io.carapulse.api.dto.StepPreviewView(v.preview().summary(), v.preview().diff(),
                v.preview().diffSha256()), v.revertAfter() == null ? null
                : io.carapulse.core.common.Durations.format(v.revertAfter()));
    }

    public ApprovalView approval(ApprovalEntity a) {
        return new ApprovalView(a.id(), a.planId(), a.environment(), a.fingerprint(),
                Arrays.stream(a.providers().split(",")).filter(x -> !x.isBlank()).toList(), a.status().name(),
                a.requestedBy(), a.requestedAt(), a.expiresAt(), a.decidedBy(), a.decidedAt(), a.note(),
                a.breakGlassReason(), a.consumedByExecution(), a.decidedVia(),
                channels.findByApprovalIdOrderByProvider(a.id()).stream().map(Views::channel).toList());
    }

    static ApprovalChannelView channel(ChannelEntity c) {
        String status = c.lastError() != null ? "channel_error" : c.externalId() == null ? "pending" : "open";
        @SuppressWarnings("unchecked")
        Map<String, Object> evidence = Json.read(c.evidenceJson(), Map.class);
        return new ApprovalChannelView(c.provider(), status, c.externalId(), c.displayId(), c.url(), c.lastError(),
                c.failures(), c.retryAt(), evidence);
    }

    public ExecutionView execution(ExecutionEntity e) {
        List<StepRunView> runs = stepRuns.findByExecutionIdOrderBySeq(e.id()).stream().map(Views::stepRun).toList();
        ApprovalEntity used = e.approvalId() == null ? null
                : approvals.latest(e.planId()).filter(a -> a.id().equals(e.approvalId())).orElse(null);
        String via = used == null ? null : used.decidedVia();
        String standing = "standing".equals(via) ? standingApprovals.forApproval(used.id()).orElse(null) : null;
        return new ExecutionView(e.id(), e.planId(), e.environment(), e.status().name(), e.requestedBy(),
                e.approvalId(), e.cancelRequested(), e.createdAt(), e.startedAt(), e.endedAt(),
                error(e.errorCode(), e.errorDetail()), runs, via, standing);
    }

    /** An execution in a listing: without its step runs. */
    public ExecutionView executionSummary(ExecutionEntity e) {
        return new ExecutionView(e.id(), e.planId(), e.environment(), e.status().name(), e.requestedBy(),
                e.approvalId(), e.cancelRequested(), e.createdAt(), e.startedAt(), e.endedAt(),
                error(e.errorCode(), e.errorDetail()), null);
    }

    static StepRunView stepRun(StepRunEntity r) {
        return new StepRunView(r.id(), r.position(), r.kind().wire(), r.tool(), r.action(), r.actionClass(),
                r.status().name(), r.attempt(), r.startedAt(), r.endedAt(), error(r.errorCode(), r.errorDetail()),
                r.rollbackOf());
    }

    private static ErrorInfo error(String code, String detail) {
        return code == null && detail == null ? null : new ErrorInfo(code, detail);
    }
}
