package io.carapulse.core.approval;

import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.config.Environment;
import io.carapulse.core.audit.AuditEntry;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.common.Times;
import io.carapulse.core.observability.CarapulseMeters;
import io.carapulse.core.plan.PlanEntity;
import io.carapulse.core.plan.PlanLifecycle;
import io.carapulse.core.plan.PlanRepository;
import io.carapulse.core.plan.PlanStatus;
import io.carapulse.core.plan.PlanValidator;
import io.carapulse.core.policy.PolicyService;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Applies a decision from any channel to the one approval record (S2, S3, design §7): it must be for
 * the plan's pending request and its fingerprint; the person must hold an approving role, must not be
 * the requester (by identity, or by verified email across channels: never by a name) unless the environment allows it, must give a reason for
 * break-glass, and must be on call where the environment says so. Every refusal is audited and thrown
 * with its code; nothing changes then. A channel decision is recorded in the inbox in the same
 * transaction that applies it, so it is applied at most once.
 */
@Singleton
public class DecisionApplier {

    private final ApprovalRepository approvals;
    private final PlanRepository plans;
    private final PlanLifecycle lifecycle;
    private final PlanValidator validator;
    private final PolicyService policy;
    private final OnCallGate onCall;
    private final ApprovalChannels channels;
    private final InboxRepository inbox;
    private final AuditService audit;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final CarapulseMeters meters;

    public DecisionApplier(ApprovalRepository approvals, PlanRepository plans, PlanLifecycle lifecycle,
                           PlanValidator validator, PolicyService policy, OnCallGate onCall, ApprovalChannels channels,
                           InboxRepository inbox, AuditService audit, TransactionOperations<Connection> tx, Clock clock,
                           CarapulseMeters meters) {
        this.meters = meters;
        this.approvals = approvals;
        this.plans = plans;
        this.lifecycle = lifecycle;
        this.validator = validator;
        this.policy = policy;
        this.onCall = onCall;
        this.channels = channels;
        this.inbox = inbox;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    public void apply(Decision d) {
        PlanEntity plan = plans.findById(d.planId()).orElseThrow(() -> ApprovalService.notFound(d.planId()));
        Environment env = validator.environment(plan.environment());
        policy.requireApproverRole(d.actor(), env, d.planId());
        ApprovalEntity approval = pending(d.planId());
        check(d, plan, approval);
        policy.requireApprove(d.actor(), env, plan.requester(), plan.breakGlass(), d.reason(), d.approving(), d.planId());
        if (!env.policy().selfApproval() && d.actor().hasEmail(approval.requestedByEmail())) {
            throw policy.deny(d.actor(), "approval.decide", "plan", d.planId(), ProblemCode.SELF_APPROVAL_FORBIDDEN,
                    d.actor().name() + " requested this plan; environment '" + env.name()
                            + "' needs someone else to decide it");
        }
        if (d.approving()) {
            onCall.requireOnCall(d.actor(), env, d.planId());
        }
        ApprovalEntity decided = tx.executeWrite(status -> {
            PlanEntity current = plans.findById(d.planId()).orElseThrow();
            ApprovalEntity still = pending(d.planId());
            if (still == null || !still.id().equals(approval.id()) || current.status() != PlanStatus.AWAITING_APPROVAL
                    || !still.fingerprint().equals(current.fingerprint())) {
                throw new ProblemException(ProblemCode.APPROVAL_NOT_PENDING,
                        "the approval changed while the decision was checked; look again");
            }
            Instant now = Times.now(clock);
            if (d.eventKey() != null) {
                inbox.save(new InboxEntity(null, d.via(), d.eventKey(), still.id(), InboxEntity.Outcome.APPLIED, null,
                        now));
            }
            ApprovalStatus to = d.approving() ? ApprovalStatus.APPROVED : ApprovalStatus.REJECTED;
            String reason = current.breakGlass() ? d.reason() : null;
            ApprovalEntity saved = approvals.update(still.decided(to, d.actor().id(), now, d.note(), reason, d.via()));
            audit.record(AuditEntry.allow(d.actor(), "approval.decide", "plan", d.planId())
                    .withReason(d.note())
                    .with("approvalId", still.id())
                    .with("decision", to.name())
                    .with("fingerprint", still.fingerprint())
                    .with("via", d.via())
                    .with("eventKey", d.eventKey())
                    .with("breakGlassReason", reason));
            lifecycle.move(current, d.approving() ? PlanStatus.APPROVED : PlanStatus.REJECTED, d.actor(), d.note());
            channels.decided(still, d.approving(), d.actor().name(), d.via(), d.note());
            return saved;
        });
        meters.approvalWaited(decided.environment(), d.approving() ? "approved" : "rejected",
                Duration.between(decided.requestedAt(), decided.decidedAt()));
    }

    /** The state and fingerprint checks: a decision is for the pending request of the plan as it is now. */
    private void check(Decision d, PlanEntity plan, ApprovalEntity approval) {
        Actor actor = d.actor();
        String planId = d.planId();
        if (d.approvalId() != null && (approval == null || !approval.id().equals(d.approvalId()))) {
            String state = approvals.findById(d.approvalId()).map(a -> a.status().name()).orElse("unknown");
            throw policy.deny(actor, "approval.decide", "plan", planId, ProblemCode.APPROVAL_NOT_PENDING,
                    "approval " + d.approvalId() + " is " + state + "; the decision from " + d.via() + " was ignored");
        }
        if (plan.status() == PlanStatus.EXPIRED) {
            throw policy.deny(actor, "approval.decide", "plan", planId, ProblemCode.APPROVAL_EXPIRED,
                    "the approval request expired; edit or resubmit the plan to request approval again");
        }
        if (plan.status() != PlanStatus.AWAITING_APPROVAL || approval == null) {
            throw policy.deny(actor, "approval.decide", "plan", planId, ProblemCode.APPROVAL_NOT_PENDING,
                    "plan " + planId + " is " + plan.status() + "; there is no pending approval to decide");
        }
        if (d.fingerprint() != null && !d.fingerprint().equals(plan.fingerprint())) {
            throw policy.deny(actor, "approval.decide", "plan", planId, ProblemCode.FINGERPRINT_MISMATCH,
                    "the plan changed since you reviewed it (fingerprint " + plan.fingerprint() + ")");
        }
        if (!approval.fingerprint().equals(plan.fingerprint())) {
            throw policy.deny(actor, "approval.decide", "plan", planId, ProblemCode.FINGERPRINT_MISMATCH,
                    "the approval request does not match the plan's current fingerprint");
        }
    }

    private ApprovalEntity pending(String planId) {
        return approvals.findFirstByPlanIdOrderByRequestedAtDesc(planId)
                .filter(a -> a.status() == ApprovalStatus.PENDING).orElse(null);
    }

}
