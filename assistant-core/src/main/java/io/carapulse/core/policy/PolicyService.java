package io.carapulse.core.policy;

import io.carapulse.api.auth.Role;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.config.Environment;
import io.carapulse.core.audit.AuditEntry;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.observability.CarapulseMeters;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may do what in an environment (S3). Every refusal is audited (in its own transaction, so it
 * survives the failed request) and thrown as a problem with its stable code.
 */
@Singleton
public class PolicyService {

    private final AuditService audit;
    private final CarapulseMeters meters;
    private final Capabilities capabilities;

    public PolicyService(AuditService audit, CarapulseMeters meters, Capabilities capabilities) {
        this.audit = audit;
        this.meters = meters;
        this.capabilities = capabilities;
    }

    /**
     * May {@code actor} run every one of {@code steps} ({@code tool.action}, in order) in {@code env}? Only
     * where the environment grants tool capabilities ({@link Capabilities}); elsewhere the roles decide alone.
     */
    public void requireCapabilities(Actor actor, Environment env, java.util.List<String> steps, String action,
                                    String subjectId) {
        requireCapabilities(actor, null, env, steps, action, subjectId);
    }

    /**
     * {@link #requireCapabilities(Actor, Environment, java.util.List, String, String)} for a plan that acts as
     * {@code agent} ({@code runbook:<name>}; null for none), whose capabilities count beside the actor's.
     */
    public void requireCapabilities(Actor actor, String agent, Environment env, java.util.List<String> steps,
                                    String action, String subjectId) {
        capabilities.missing(actor, agent, env.name(), steps).ifPresent(m ->
                deny(actor, action, "plan", subjectId, m.code(), m.detail(env.name())));
    }

    /** May {@code actor} read anything at all? Any role reads. */
    public void requireReader(Actor actor, String action, String subjectType, String subjectId) {
        if (actor.roles().isEmpty()) {
            deny(actor, action, subjectType, subjectId, ProblemCode.FORBIDDEN,
                    "you have no Carapulse role; ask an admin to map your groups to a role");
        }
    }

    /** May {@code actor} create or edit a plan in {@code env}, with break-glass steps if it has them? */
    public void requireRequest(Actor actor, Environment env, boolean breakGlass, String action, String subjectId) {
        Environment.Policy p = env.policy();
        requireRequestRole(actor, env, action, subjectId);
        if (breakGlass && !p.breakGlassAllowed()) {
            deny(actor, action, "plan", subjectId, ProblemCode.BREAK_GLASS_REQUIRED,
                    "environment '" + env.name() + "' does not allow break-glass steps");
        }
    }

    /**
     * The role half of {@link #requireRequest}: checked before anything about the plan's state or
     * content is looked at, so a caller without the role learns nothing from the answer.
     */
    public void requireRequestRole(Actor actor, Environment env, String action, String subjectId) {
        Environment.Policy p = env.policy();
        if (!actor.hasAny(p.requestRoles())) {
            deny(actor, action, "plan", subjectId, ProblemCode.FORBIDDEN,
                    "creating plans in '" + env.name() + "' needs one of the roles " + names(p.requestRoles()));
        }
    }

    /** The role half of {@link #requireApprove}, checked before the approval's state and fingerprint. */
    public void requireApproverRole(Actor actor, Environment env, String planId) {
        Environment.Policy p = env.policy();
        if (!actor.hasAny(p.approveRoles())) {
            deny(actor, "approval.decide", "plan", planId, ProblemCode.FORBIDDEN,
                    "deciding approvals in '" + env.name() + "' needs one of the roles " + names(p.approveRoles()));
        }
    }

    /**
     * May {@code actor} decide the approval of a plan requested by {@code requester}? Break-glass
     * plans need a break-glass role and a written reason to be approved.
     */
    public void requireApprove(Actor actor, Environment env, String requester, boolean breakGlass, String reason,
                               boolean approving, String planId) {
        Environment.Policy p = env.policy();
        requireApproverRole(actor, env, planId);
        if (actor.id().equals(requester) && !p.selfApproval()) {
            deny(actor, "approval.decide", "plan", planId, ProblemCode.SELF_APPROVAL_FORBIDDEN,
                    "you requested this plan; environment '" + env.name() + "' needs someone else to decide it");
        }
        if (breakGlass && approving) {
            if (!p.breakGlassAllowed()) {
                deny(actor, "approval.decide", "plan", planId, ProblemCode.BREAK_GLASS_REQUIRED,
                        "environment '" + env.name() + "' does not allow break-glass steps");
            }
            if (!actor.hasAny(p.breakGlassRoles())) {
                deny(actor, "approval.decide", "plan", planId, ProblemCode.BREAK_GLASS_REQUIRED,
                        "approving a break-glass plan needs one of the roles " + names(p.breakGlassRoles()));
            }
            if (reason == null || reason.isBlank()) {
                deny(actor, "approval.decide", "plan", planId, ProblemCode.BREAK_GLASS_REQUIRED,
                        "approving a break-glass plan needs a written reason");
            }
        }
    }

    /** May {@code actor} execute an (approved) plan in {@code env}? */
    public void requireExecute(Actor actor, Environment env, boolean breakGlass, String planId) {
        Environment.Policy p = env.policy();
        if (!actor.hasAny(p.executeRoles())) {
            deny(actor, "plan.execute", "plan", planId, ProblemCode.FORBIDDEN,
                    "executing plans in '" + env.name() + "' needs one of the roles " + names(p.executeRoles()));
        }
        if (breakGlass && !actor.hasAny(p.breakGlassRoles())) {
            deny(actor, "plan.execute", "plan", planId, ProblemCode.BREAK_GLASS_REQUIRED,
                    "executing a break-glass plan needs one of the roles " + names(p.breakGlassRoles()));
        }
    }

    /** Audits the refusal in its own transaction and throws it. */
    public ProblemException deny(Actor actor, String action, String subjectType, String subjectId, ProblemCode code,
                                 String detail) {
        return deny(actor, action, subjectType, subjectId, code, detail, java.util.Map.of());
    }

    /** {@link #deny} with extensions in the problem (such as the list of {@code errors}). */
    public ProblemException deny(Actor actor, String action, String subjectType, String subjectId, ProblemCode code,
                                 String detail, java.util.Map<String, Object> extensions) {
        audit.recordDenial(AuditEntry.deny(actor, action, subjectType, subjectId, code.code()).with("detail", detail));
        meters.denial(code.code());
        throw new ProblemException(code, detail, extensions).audited();
    }

    private static String names(Set<Role> roles) {
        return roles.stream().map(Role::wire).sorted().collect(Collectors.joining(", ", "[", "]"));
    }
}
