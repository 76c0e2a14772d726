package io.carapulse.core.approval;

import io.carapulse.api.dto.ApprovalDecisionRequest;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.config.Environment;
import io.carapulse.core.audit.AuditEntry;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.common.Ids;
import io.carapulse.core.common.Times;
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
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The approval gate's records (S2, S3, design §7): one approval request per plan version, bound to
 * the plan's fingerprint, decided once, expiring after the environment's TTL, voided by any edit.
 * The {@code local} provider decides through this API; other providers will feed the same method.
 */
@Singleton
public class ApprovalService {

    private final ApprovalRepository approvals;
    private final PlanRepository plans;
    private final PlanLifecycle lifecycle;
    private final PlanValidator validator;
    private final PolicyService policy;
    private final AuditService audit;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;

    public ApprovalService(ApprovalRepository approvals, PlanRepository plans, PlanLifecycle lifecycle,
                           PlanValidator validator, PolicyService policy, AuditService audit,
                           TransactionOperations<Connection> tx, Clock clock) {
        this.approvals = approvals;
        this.plans = plans;
        this.lifecycle = lifecycle;
        this.validator = validator;
        this.policy = policy;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** Raises a new PENDING request for the plan's current fingerprint; inside the caller's transaction. */
    public ApprovalEntity open(PlanEntity plan, Environment env, Actor requester) {
        Instant now = Times.now(clock);
        ApprovalEntity a = approvals.save(new ApprovalEntity(Ids.approval(), plan.id(), plan.environment(),
                plan.fingerprint(), String.join(",", env.policy().approvalProviders()), ApprovalStatus.PENDING,
                requester.id(), now, now.plus(env.policy().approvalTtl()), null, null, null, null, null, null, null));
        audit.record(AuditEntry.allow(requester, "approval.request", "plan", plan.id())
                .with("approvalId", a.id())
                .with("fingerprint", a.fingerprint())
                .with("providers", env.policy().approvalProviders())
                .with("expiresAt", a.expiresAt().toString()));
        return a;
    }

    /** Voids every open request of the plan (its steps changed, or it was cancelled); inside a transaction. */
    public void voidOpen(String planId, Actor actor, String why) {
        for (ApprovalEntity a : approvals.findByPlanIdAndStatusIn(planId,
                List.of(ApprovalStatus.PENDING, ApprovalStatus.APPROVED))) {
            approvals.update(a.moved(ApprovalStatus.VOIDED));
            audit.record(AuditEntry.allow(actor, "approval.void", "plan", planId).withReason(why)
                    .with("approvalId", a.id()).with("fingerprint", a.fingerprint()));
        }
    }

    public Optional<ApprovalEntity> latest(String planId) {
        return approvals.findFirstByPlanIdOrderByRequestedAtDesc(planId);
    }

    /** Pending requests that have not expired, oldest first. */
    public List<ApprovalEntity> pending() {
        Instant now = Times.now(clock);
        return approvals.findByStatusOrderByRequestedAt(ApprovalStatus.PENDING).stream()
                .filter(a -> !a.expiredAt(now))
                .toList();
    }

    /**
     * Applies a person's decision. Refusals (wrong role, self-approval, break-glass without reason,
     * stale fingerprint, not pending) are audited and thrown with their codes; nothing changes then.
     */
    public void decide(Actor actor, String planId, ApprovalDecisionRequest request) {
        expireDue(planId);
        boolean approving = parseDecision(request);
        checkLength("note", request.note());
        checkLength("reason", request.reason());
        tx.executeWrite(status -> {
            PlanEntity plan = plans.findById(planId).orElseThrow(() -> notFound(planId));
            Environment env = validator.environment(plan.environment());
            ApprovalEntity approval = latest(planId).filter(a -> a.status() == ApprovalStatus.PENDING).orElse(null);
            if (plan.status() == PlanStatus.EXPIRED) {
                throw policy.deny(actor, "approval.decide", "plan", planId, ProblemCode.APPROVAL_EXPIRED,
                        "the approval request expired; edit or resubmit the plan to request approval again");
            }
            if (plan.status() != PlanStatus.AWAITING_APPROVAL || approval == null) {
                throw policy.deny(actor, "approval.decide", "plan", planId, ProblemCode.APPROVAL_NOT_PENDING,
                        "plan " + planId + " is " + plan.status() + "; there is no pending approval to decide");
            }
            if (request.fingerprint() != null && !request.fingerprint().equals(plan.fingerprint())) {
                throw policy.deny(actor, "approval.decide", "plan", planId, ProblemCode.FINGERPRINT_MISMATCH,
                        "the plan changed since you reviewed it (fingerprint " + plan.fingerprint() + ")");
            }
            if (!approval.fingerprint().equals(plan.fingerprint())) {
                throw policy.deny(actor, "approval.decide", "plan", planId, ProblemCode.FINGERPRINT_MISMATCH,
                        "the approval request does not match the plan's current fingerprint");
            }
            policy.requireApprove(actor, env, plan.requester(), plan.breakGlass(), request.reason(), approving, planId);
            Instant now = Times.now(clock);
            ApprovalStatus to = approving ? ApprovalStatus.APPROVED : ApprovalStatus.REJECTED;
            approvals.update(approval.decided(to, actor.id(), now, request.note(),
                    plan.breakGlass() ? request.reason() : null));
            audit.record(AuditEntry.allow(actor, "approval.decide", "plan", planId)
                    .withReason(request.note())
                    .with("approvalId", approval.id())
                    .with("decision", to.name())
                    .with("fingerprint", approval.fingerprint())
                    .with("breakGlassReason", plan.breakGlass() ? request.reason() : null));
            lifecycle.move(plan, approving ? PlanStatus.APPROVED : PlanStatus.REJECTED, actor, request.note());
            return null;
        });
    }

    /** Expires the plan's open request if its time has passed; commits on its own. */
    public void expireDue(String planId) {
        Instant now = Times.now(clock);
        tx.executeWrite(status -> {
            latest(planId).filter(a -> a.status().open() && a.expiredAt(now)).ifPresent(this::expire);
            return null;
        });
    }

    /** Expires every open request whose time has passed; run periodically by the scheduler. */
    public int expireAllDue() {
        Instant now = Times.now(clock);
        return tx.executeWrite(status -> {
            List<ApprovalEntity> due = approvals.findOpenExpiredBefore(now);
            due.forEach(this::expire);
            return due.size();
        });
    }

    private void expire(ApprovalEntity a) {
        approvals.update(a.moved(ApprovalStatus.EXPIRED));
        audit.record(AuditEntry.allow(Actor.SYSTEM, "approval.expire", "plan", a.planId())
                .with("approvalId", a.id()).with("expiresAt", a.expiresAt().toString()));
        plans.findById(a.planId())
                .filter(p -> p.status() == PlanStatus.AWAITING_APPROVAL || p.status() == PlanStatus.APPROVED)
                .ifPresent(p -> lifecycle.move(p, PlanStatus.EXPIRED, Actor.SYSTEM, "approval expired"));
    }

    private static boolean parseDecision(ApprovalDecisionRequest request) {
        if (request == null || request.decision() == null) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "decision is required: approve or reject");
        }
        return switch (request.decision()) {
            case "approve" -> true;
            case "reject" -> false;
            default -> throw new ProblemException(ProblemCode.VALIDATION_FAILED,
                    "decision must be 'approve' or 'reject'");
        };
    }

    private static void checkLength(String field, String value) {
        if (value != null && value.length() > 2000) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, field + " is longer than 2000 characters");
        }
    }

    static ProblemException notFound(String planId) {
        return new ProblemException(ProblemCode.NOT_FOUND, "no plan " + planId);
    }
}
