package io.carapulse.core.plan;

import io.carapulse.api.dto.PlanCreateRequest;
import io.carapulse.api.dto.PlanOrigin;
import io.carapulse.api.dto.StepSpec;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.api.tool.ActingFor;
import io.carapulse.api.tool.ActionClass;
import io.carapulse.config.Environment;
import io.carapulse.core.approval.ApprovalService;
import io.carapulse.core.audit.AuditEntry;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.common.Ids;
import io.carapulse.core.common.Json;
import io.carapulse.core.common.Times;
import io.carapulse.core.guard.GuardRailChecks;
import io.carapulse.core.policy.PolicyService;
import io.micronaut.transaction.TransactionOperations;
import io.carapulse.core.observability.CarapulseMeters;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Creating, editing and cancelling plans. Validation and policy run before anything is written;
 * a plan, its steps, its approval request and their audit rows commit together or not at all.
 */
@Singleton
public class PlanService {

    private final PlanValidator validator;
    private final PolicyService policy;
    private final PlanRepository plans;
    private final PlanStepRepository steps;
    private final PlanLifecycle lifecycle;
    private final ApprovalService approvals;
    private final AuditService audit;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final CarapulseMeters meters;
    private final PlanOriginRepository origins;
    private final GuardRailChecks guardRails;
    private final io.carapulse.core.runbook.StandingApprovals standing;
    private final StepPreviews previews;
    private final PlanAgents agents;
    private final io.carapulse.core.broker.integration.DelegatedPlanCheck delegated;

    public PlanService(PlanValidator validator, PolicyService policy, PlanRepository plans, PlanStepRepository steps,
                       PlanLifecycle lifecycle, ApprovalService approvals, AuditService audit,
                       TransactionOperations<Connection> tx, Clock clock, CarapulseMeters meters,
                       PlanOriginRepository origins, GuardRailChecks guardRails,
                       io.carapulse.core.runbook.StandingApprovals standing, StepPreviews previews, PlanAgents agents,
                       io.carapulse.core.broker.integration.DelegatedPlanCheck delegated) {
        this.agents = agents;
        this.delegated = delegated;
        this.standing = standing;
        this.previews = previews;
        this.meters = meters;
        this.origins = origins;
        this.guardRails = guardRails;
        this.validator = validator;
        this.policy = policy;
        this.plans = plans;
        this.steps = steps;
        this.lifecycle = lifecycle;
        this.approvals = approvals;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** Validates, checks policy, stores the plan and (if it writes) raises its approval request. */
    public PlanEntity create(Actor actor, PlanCreateRequest request) {
        return create(actor, request, null);
    }

    /**
     * {@link #create(Actor, PlanCreateRequest)} for a plan a runbook run makes: its origin is stored
     * and audited with it, in the same transaction.
     */
    public PlanEntity create(Actor actor, PlanCreateRequest request, PlanOrigin origin) {
        if (request == null) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "a JSON body is required");
        }
        Environment requested = audited(actor, "plan.create", null, () -> validator.environment(request.environment()));
        policy.requireRequestRole(actor, requested, "plan.create", null);
        ValidatedPlan checked = audited(actor, "plan.create", null,
                () -> validator.validate(request.environment(), request.summary(), request.steps()));
        Environment env = validator.environment(checked.environment());
        policy.requireRequest(actor, env, checked.breakGlass(), "plan.create", null);
        String agent = PlanAgents.of(origin);
        policy.requireCapabilities(actor, agent, env, capabilities(checked.steps()), "plan.create", null);
        delegated.require(actor, actor.id(), agent, env, checked.steps(), "plan.create", null); // oauth: the requester's connection
        guardRails.requireWriteStepsWithinLimit(actor, env, checked.steps(), "plan.create", null);
        // what the writes will change, read from the provider once the caller may ask for them (S2)
        ValidatedPlan validated = audited(actor, "plan.create", null,
                () -> checked.withSteps(previews.previewed(checked.environment(), checked.steps(),
                        new ActingFor(actor.id(), java.util.Optional.ofNullable(agent)))));
        PlanEntity created = tx.executeWrite(status -> {
            Instant now = Times.now(clock);
            PlanStatus initial = validated.requiresApproval() ? PlanStatus.AWAITING_APPROVAL : PlanStatus.READY;
            PlanEntity plan = plans.save(new PlanEntity(Ids.plan(), validated.environment(), validated.summary(),
                    actor.id(), initial, validated.fingerprint(), validated.requiresApproval(), validated.breakGlass(),
                    now, now, null));
            saveSteps(plan.id(), validated.steps());
            AuditEntry entry = AuditEntry.allow(actor, "plan.create", "plan", plan.id())
                    .with("environment", plan.environment())
                    .with("fingerprint", plan.fingerprint())
                    .with("status", initial.name())
                    .with("steps", validated.steps().stream().map(s -> s.tool() + "." + s.action() + ":"
                            + s.actionClass()).toList());
            if (origin != null) {
                origins.save(new PlanOriginRow(plan.id(), origin.runbook(), origin.version(), Json.canonical(origin.params()),
                        origin.trigger(), origin.scheduleId()));
                entry = entry.with("runbook", origin.runbook()).with("runbookVersion", origin.version())
                        .with("trigger", origin.trigger());
            }
            audit.record(entry);
            if (validated.requiresApproval()) {
                java.util.Optional<io.carapulse.core.runbook.StandingApprovals.Grant> grant =
                        standing.match(env, actor, origin, validated.breakGlass());
                if (grant.isPresent()) {
                    var g = grant.get();
                    var approval = approvals.approveStanding(plan, env, actor, g.id(), g.grantedBy(), g.expiresAt());
                    standing.recordUse(g, approval.id(), plan.id());
                    return require(plan.id());
                }
                approvals.open(plan, env, actor);
            }
            return plan;
        });
        meters.planCreated(created.environment(), created.requiresApproval());
        return created;
    }

    /** Each step's capability, {@code tool.action}, in order. */
    private static List<String> capabilities(List<ValidatedStep> steps) {
        return steps.stream().map(s -> s.tool() + "." + s.action()).toList();
    }

    /**
     * Replaces the steps of a plan that has not started: voids any approval, recomputes the
     * fingerprint, and raises a new approval request if the new steps write (S2).
     */
    public PlanEntity replaceSteps(Actor actor, String planId, List<StepSpec> specs) {
        PlanEntity current = require(planId);
        Environment env = validator.environment(current.environment());
        policy.requireRequestRole(actor, env, "plan.edit", planId);
        List<ValidatedStep> checked = audited(actor, "plan.edit", planId, () -> validator.steps(current.environment(), specs));
        boolean breakGlass = checked.stream().anyMatch(s -> s.actionClass() == ActionClass.BREAK_GLASS);
        boolean writes = checked.stream().anyMatch(s -> s.actionClass().writes());
        policy.requireRequest(actor, env, breakGlass, "plan.edit", planId);
        policy.requireCapabilities(actor, env, capabilities(checked), "plan.edit", planId);
        delegated.require(actor, current.requester(), null, env, checked, "plan.edit", planId); // oauth: the requester's connection
        guardRails.requireWriteStepsWithinLimit(actor, env, checked, "plan.edit", planId);
        if (!current.status().editable()) {
            throw policy.deny(actor, "plan.edit", "plan", planId, ProblemCode.INVALID_STATE,
                    "plan " + planId + " is " + current.status() + "; only plans that have not started can be edited");
        }
        List<ValidatedStep> validated = audited(actor, "plan.edit", planId,
                () -> previews.previewed(current.environment(), checked, ActingFor.requester(current.requester())));
        String fingerprint = Fingerprint.of(current.environment(), validated);
        return tx.executeWrite(status -> {
            PlanEntity plan = require(planId);
            if (!plan.status().editable()) {
                throw new ProblemException(ProblemCode.INVALID_STATE, "plan " + planId + " is " + plan.status());
            }
            approvals.voidOpen(planId, actor, "steps edited");
            steps.deleteByPlanId(planId);
            saveSteps(planId, validated);
            PlanEntity updated = plans.update(plan.withSteps(fingerprint, writes, breakGlass, Times.now(clock)));
            AuditEntry edited = AuditEntry.allow(actor, "plan.edit", "plan", planId)
                    .with("fingerprintBefore", plan.fingerprint())
                    .with("fingerprint", fingerprint);
            audit.record(agents.stepsEdited(planId) ? edited.with("runbookAgent", "ended") : edited);
            PlanEntity moved = lifecycle.move(updated, writes ? PlanStatus.AWAITING_APPROVAL : PlanStatus.READY, actor,
                    "steps edited");
            if (writes) {
                approvals.open(moved, env, actor);
            }
            return moved;
        });
    }

    /** Cancels a plan that has not started executing (a running one is cancelled through its execution). */
    public PlanEntity cancel(Actor actor, String planId) {
        PlanEntity current = require(planId);
        Environment env = validator.environment(current.environment());
        if (!actor.id().equals(current.requester())) {
            policy.requireRequest(actor, env, false, "plan.cancel", planId);
        }
        if (current.status() == PlanStatus.EXECUTING) {
            throw policy.deny(actor, "plan.cancel", "plan", planId, ProblemCode.EXECUTION_IN_PROGRESS,
                    "plan " + planId + " is executing; cancel its execution instead");
        }
        if (!current.status().canMoveTo(PlanStatus.CANCELLED)) {
            throw policy.deny(actor, "plan.cancel", "plan", planId, ProblemCode.INVALID_STATE,
                    "plan " + planId + " is " + current.status() + " and cannot be cancelled");
        }
        return tx.executeWrite(status -> {
            approvals.voidOpen(planId, actor, "plan cancelled");
            return lifecycle.move(require(planId), PlanStatus.CANCELLED, actor, "cancelled by request");
        });
    }

    public PlanEntity require(String planId) {
        return plans.findById(planId).orElseThrow(() ->
                new ProblemException(ProblemCode.NOT_FOUND, "no plan " + planId));
    }

    /** The agent plan {@code planId} acts as ({@code runbook:<name>}), if any: {@link PlanAgents}. */
    public java.util.Optional<String> agent(String planId) {
        return agents.of(planId);
    }

    /** Where a plan came from, if a runbook made it. */
    public java.util.Optional<PlanOrigin> origin(String planId) {
        return origins.findById(planId).map(o -> new PlanOrigin(o.runbook(), o.runbookVersion(),
                Json.readObject(o.paramsJson()), o.triggerKind(), o.scheduleId()));
    }

    public List<PlanStepEntity> steps(String planId) {
        return steps.findByPlanIdOrderByPosition(planId);
    }

    private void saveSteps(String planId, List<ValidatedStep> validated) {
        for (ValidatedStep s : validated) {
            steps.save(new PlanStepEntity(null, planId, s.position(), s.stage().wire(), s.tool(), s.action(),
                    s.actionClass(), Json.canonical(s.args()),
                    s.assertion() == null ? null : Json.write(s.assertion()), s.timeoutSeconds(),
                    StepPreviews.write(s.preview()),
                    s.revertAfter() == null ? null : s.revertAfter().toSeconds()));
        }
    }

    private <T> T audited(Actor actor, String action, String subjectId, java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (ProblemException e) {
            if (!e.isAudited()) {
                audit.recordDenial(AuditEntry.deny(actor, action, "plan", subjectId, e.code()).with("detail", e.getMessage()));
                e.audited();
            }
            throw e;
        }
    }
}
