package io.carapulse.core.runbook;

import io.carapulse.api.dto.PlanCreateRequest;
import io.carapulse.api.dto.PlanOrigin;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.config.Environment;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.execution.ExecutionEntity;
import io.carapulse.core.execution.ExecutionService;
import io.carapulse.core.plan.PlanEntity;
import io.carapulse.core.plan.PlanService;
import io.carapulse.core.plan.PlanValidator;
import io.carapulse.core.plan.PlanStatus;
import io.carapulse.core.policy.PolicyService;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;

/**
 * Running a runbook: its parameters bound and checked, its steps filled in, and a plan created
 * through the same path as any other (validation, inventory, policy, approval), with the run's
 * origin stored beside it. A plan that only reads, or that a standing approval authorises, starts at
 * once when the caller may execute; any other plan that writes waits for approval through the
 * environment's channels.
 */
@Singleton
public class RunbookRuns {

    /** The caller's part of a run. */
    public record Trigger(String kind, String scheduleId) {
        public static final Trigger API = new Trigger("api", null);

        public static Trigger schedule(String scheduleId) {
            return new Trigger("schedule", scheduleId);
        }
    }

    /** What a run made: the plan, and its execution when it was started at once. */
    public record Run(PlanEntity plan, ExecutionEntity execution, String note) {
    }

    private final RunbookCatalog catalog;
    private final PlanService plans;
    private final ExecutionService executions;
    private final PolicyService policy;
    private final PlanValidator validator;

    public RunbookRuns(RunbookCatalog catalog, PlanService plans, ExecutionService executions,
                       PolicyService policy, PlanValidator validator) {
        this.validator = validator;
        this.catalog = catalog;
        this.plans = plans;
        this.executions = executions;
        this.policy = policy;
    }

    /**
     * @param version a given version, or {@code null} for the current one
     * @throws ProblemException {@code not_found} (runbook, version), {@code environment_not_allowed},
     *                          {@code validation_failed} (parameters, naming each as {@code params.x}),
     *                          and whatever creating the plan refuses
     */
    public Run run(Actor actor, String name, String environment, ObjectNode params, Integer version, Trigger trigger) {
        policy.requireReader(actor, "runbook.run", "runbook", name);
        Environment env = validator.environment(environment);
        policy.requireRequestRole(actor, env, "runbook.run", name);
        RunbookCatalog.Version v = version == null ? catalog.current(name) : catalog.version(name, version);
        RunbookDefinition d = v.definition();
        if (!d.runsIn(env.name())) {
            throw policy.deny(actor, "runbook.run", "runbook", name, ProblemCode.ENVIRONMENT_NOT_ALLOWED,
                    "runbook " + name + " may run in " + String.join(", ", d.environments()) + ", not in " + env.name());
        }
        RunbookDefinition.Instance instance = d.instantiate(params);
        PlanEntity plan = plans.create(actor, new PlanCreateRequest(env.name(), instance.summary(), instance.steps()),
                new PlanOrigin(v.name(), v.version(), instance.params(), trigger.kind(), trigger.scheduleId()));
        if (plan.status() != PlanStatus.READY && plan.status() != PlanStatus.APPROVED) {
            return new Run(plan, null, null);
        }
        // it only reads, or a standing approval authorised it: it runs now, if the caller may execute
        if (!actor.hasAny(env.policy().executeRoles()) || plan.breakGlass()) {
            return new Run(plan, null, (plan.status() == PlanStatus.READY ? "the plan only reads" : "a standing approval"
                    + " authorised the plan") + ", but executing plans in " + env.name()
                    + " needs another role; someone who holds one can start it");
        }
        return new Run(plan, executions.start(actor, plan.id()), null);
    }
}
