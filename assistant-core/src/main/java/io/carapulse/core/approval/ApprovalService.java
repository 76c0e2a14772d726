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
import java.util.List;
import java.util.Optional;

/**
 * The approval gate's records (S2, S3, design §7): one approval request per plan version, bound to
 * the plan's fingerprint, decided once, expiring after the environment's TTL, voided by any edit.
 * Decisions from every channel (this API for {@code local}, Linear labels) go through
 * {@link DecisionApplier}; what the channels must be told is recorded by {@link ApprovalChannels} in
 * the transaction of each change.
 */
@Singleton
public class ApprovalService {

    private final ApprovalRepository approvals;
    private final PlanRepository plans;
    private final PlanLifecycle lifecycle;
    private final PlanValidator validator;
    private final PolicyService policy;
    private final AuditService audit;
    private final ApprovalChannels channels;
    private final ChannelRepository channelRows;
    private final DecisionApplier applier;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final CarapulseMeters meters;

    public ApprovalService(ApprovalRepository approvals, PlanRepository plans, PlanLifecycle lifecycle,
                           PlanValidator validator, PolicyService policy, AuditService audit,
                           ApprovalChannels channels, ChannelRepository channelRows, DecisionApplier applier,
                           TransactionOperations<Connection> tx, Clock clock, CarapulseMeters meters) {
        this.meters = meters;
        this.approvals = approvals;
        this.plans = plans;
        this.lifecycle = lifecycle;
        this.validator = validator;
        this.policy = policy;
        this.audit = audit;
        this.channels = channels;
        this.channelRows = channelRows;
        this.applier = applier;
        this.tx = tx;
        this.clock = clock;
    }

    /** Raises a new PENDING request for the plan's current fingerprint; inside the caller's transaction. */
    public ApprovalEntity open(PlanEntity plan, Environment env, Actor requester) {
        Instant now = Times.now(clock);
        ApprovalEntity a = approvals.save(new ApprovalEntity(Ids.approval(), plan.id(), plan.environment(),
                plan.fingerprint(), String.join(",", env.policy().approvalProviders()), ApprovalStatus.PENDING,
                requester.id(), now, now.plus(env.policy().approvalTtl()), null, null, null, null, null, null,
                requester.name(), null, requester.email(), null));
        audit.record(AuditEntry.allow(requester, "approval.request", "plan", plan.id())
                .with("approvalId", a.id())
                .with("fingerprint", a.fingerprint())
                .with("providers", env.policy().approvalProviders())
                .with("expiresAt", a.expiresAt().toString()));
        channels.requested(a, plan, env);
        return a;
    }

    /**
     * Approves a runbook plan through a standing approval, inside the transaction that creates the plan:
     * the approval row is written already decided ({@code via standing}, decided by the grantor, valid
     * until the plan's approval TTL or the standing approval's end, whichever is first); no channel is
     * asked. Returns the plan, now APPROVED.
     */
    public ApprovalEntity approveStanding(PlanEntity plan, Environment env, Actor requester, String standingId,
                                          String grantedBy, Instant standingExpires) {
        Instant now = Times.now(clock);
        Instant ttl = now.plus(env.policy().approvalTtl());
        ApprovalEntity a = approvals.save(new ApprovalEntity(Ids.approval(), plan.id(), plan.environment(),
                plan.fingerprint(), "standing", ApprovalStatus.APPROVED, requester.id(), now,
                ttl.isBefore(standingExpires) ? ttl : standingExpires, grantedBy, now, "standing approval " + standingId,
                null, null, null, requester.name(), "standing", requester.email(), null));
        audit.record(AuditEntry.allow(requester, "approval.standing", "plan", plan.id())
                .with("approvalId", a.id())
                .with("standingApprovalId", standingId)
                .with("grantedBy", grantedBy)
                .with("fingerprint", a.fingerprint())
                .with("expiresAt", a.expiresAt().toString()));
        lifecycle.move(plan, PlanStatus.APPROVED, requester, "standing approval " + standingId);
        return a;
    }

    /**
     * Takes back an approval no execution has used (its standing approval ended): the plan waits for a
     * person again, through the environment's channels. Inside a transaction.
     */
    public void reopen(String approvalId, String planId, String why, Actor actor) {
        ApprovalEntity a = approvals.findById(approvalId).orElseThrow();
        PlanEntity plan = plans.findById(planId).orElseThrow();
        if (a.status() != ApprovalStatus.APPROVED || plan.status() != PlanStatus.APPROVED) {
            return;
        }
        voidOpen(planId, actor, why);
        PlanEntity waiting = lifecycle.move(plans.findById(planId).orElseThrow(), PlanStatus.AWAITING_APPROVAL, actor, why);
        Actor requester = new Actor(a.requestedBy(), a.requestedByName() == null ? a.requestedBy() : a.requestedByName(),
                io.carapulse.core.auth.AuthKind.SYSTEM, java.util.Set.of(), a.requestedByEmail());
        open(waiting, validator.environment(plan.environment()), requester);
    }

    /** Voids every open request of the plan (its steps changed, or it was cancelled); inside a transaction. */
    public void voidOpen(String planId, Actor actor, String why) {
        for (ApprovalEntity a : approvals.findByPlanIdAndStatusIn(planId,
                List.of(ApprovalStatus.PENDING, ApprovalStatus.APPROVED))) {
            approvals.update(a.moved(ApprovalStatus.VOIDED));
            if (a.status() == ApprovalStatus.PENDING) {
                meters.approvalWaited(a.environment(), "voided", Duration.between(a.requestedAt(),
                        Times.now(clock)));
            }
            audit.record(AuditEntry.allow(actor, "approval.void", "plan", planId).withReason(why)
                    .with("approvalId", a.id()).with("fingerprint", a.fingerprint()));
            channels.superseded(a, why);
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
     * Applies a person's decision made through the API (the {@code local} channel). Refusals (wrong
     * role, self-approval, break-glass without reason, not on call, stale fingerprint, not pending, an
     * environment decided elsewhere) are audited and thrown with their codes; nothing changes then.
     */
    public void decide(Actor actor, String planId, ApprovalDecisionRequest request) {
        PlanEntity plan = plans.findById(planId).orElseThrow(() -> notFound(planId));
        Environment env = validator.environment(plan.environment());
        policy.requireApproverRole(actor, env, planId);
        boolean approving = parseDecision(request);
        checkLength("note", request.note());
        checkLength("reason", request.reason());
        expireDue(planId);
        if (!env.policy().routesTo("local")) {
            throw policy.deny(actor, "approval.decide", "plan", planId, ProblemCode.FORBIDDEN,
                    "approvals in '" + env.name() + "' are decided in " + String.join(" and ",
                            env.policy().approvalProviders()) + ", not through the API" + whereToDecide(planId));
        }
        applier.apply(new Decision(actor, planId, null, approving, request.note(), request.reason(),
                request.fingerprint(), "local", null));
    }

    /** Applies a decision that came through a channel; refusals are thrown as for {@link #decide}. */
    public void decideFromChannel(Decision decision) {
        expireDue(decision.planId());
        applier.apply(decision);
    }

    private String whereToDecide(String planId) {
        return latest(planId).stream().flatMap(a -> channelRows.findByApprovalIdOrderByProvider(a.id()).stream())
                .filter(c -> c.displayId() != null && c.url() != null && c.provider().equals("linear"))
                .map(c -> " (" + c.displayId() + ": " + c.url() + ")").findFirst().orElse("");
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
        if (a.status() == ApprovalStatus.PENDING) {
            // nobody decided: the wait ended when the request ran out
            meters.approvalWaited(a.environment(), "expired", Duration.between(a.requestedAt(),
                    a.expiresAt()));
        }
        audit.record(AuditEntry.allow(Actor.SYSTEM, "approval.expire", "plan", a.planId())
                .with("approvalId", a.id()).with("expiresAt", a.expiresAt().toString()));
        channels.expired(a);
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
