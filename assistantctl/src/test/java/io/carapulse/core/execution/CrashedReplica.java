package io.carapulse.core.execution;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.carapulse.api.auth.Role;
import io.carapulse.api.dto.ApprovalDecisionRequest;
import io.carapulse.api.dto.PlanCreateRequest;
import io.carapulse.api.dto.StepSpec;
import io.carapulse.core.approval.ApprovalEntity;
import io.carapulse.core.approval.ApprovalRepository;
import io.carapulse.core.approval.ApprovalService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.AuthKind;
import io.carapulse.core.common.Ids;
import io.carapulse.core.common.Times;
import io.carapulse.core.plan.PlanEntity;
import io.carapulse.core.plan.PlanLifecycle;
import io.carapulse.core.plan.PlanService;
import io.carapulse.core.plan.PlanStatus;
import io.carapulse.core.plan.PlanStepEntity;
import io.carapulse.cli.support.TestServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Leaves the database as a replica that died in the middle of a write would (the execution RUNNING,
 * its write step RUNNING) and queues the takeover, as assistant-core's RestartRecoveryTest does: the
 * real scheduler then finds the write in flight and holds the execution (S10). No HTTP call can
 * produce this; it is how the CLI's handling of HELD is tested against a real server. It lives in the
 * server's package (in the CLI's test sources) because queueing the takeover is package-private there.
 */
public final class CrashedReplica {

    private static final Actor REQUESTER = new Actor("oidc:crash-requester", "requester", AuthKind.OIDC,
            Set.of(Role.OPERATOR));
    private static final Actor APPROVER = new Actor("oidc:crash-approver", "approver", AuthKind.OIDC,
            Set.of(Role.APPROVER));

    private CrashedReplica() {
    }

    /** An execution of {@code fake.scale web → 3} in prod whose replica died during the scale; its id. */
    @SuppressWarnings("unchecked")
    public static String duringAWrite(TestServer server) {
        ApplicationContext ctx = server.context();
        PlanService plans = ctx.getBean(PlanService.class);
        ApprovalRepository approvals = ctx.getBean(ApprovalRepository.class);
        ExecutionRepository executions = ctx.getBean(ExecutionRepository.class);
        StepRunRepository stepRuns = ctx.getBean(StepRunRepository.class);
        PlanLifecycle lifecycle = ctx.getBean(PlanLifecycle.class);
        ExecutionScheduler scheduler = ctx.getBean(ExecutionScheduler.class);
        Clock clock = ctx.getBean(Clock.class);
        TransactionOperations<Connection> tx = ctx.getBean(TransactionOperations.class);

        StepSpec scale = new StepSpec("fake", "scale",
                JsonNodeFactory.instance.objectNode().put("name", "web").put("replicas", 3), "act", null, null);
        PlanEntity p = plans.create(REQUESTER, new PlanCreateRequest("prod", "scale web, then crash", List.of(scale)));
        ctx.getBean(ApprovalService.class).decide(APPROVER, p.id(), new ApprovalDecisionRequest("approve", null, null, null));
        String id = Ids.execution();
        tx.executeWrite(s -> {
            var now = Times.now(clock);
            ApprovalEntity a = approvals.findFirstByPlanIdOrderByRequestedAtDesc(p.id()).orElseThrow();
            executions.save(new ExecutionEntity(id, p.id(), "prod", a.id(), ExecutionStatus.RUNNING, REQUESTER.id(),
                    false, now, now, null, null, null, null));
            approvals.update(a.consumed(id, now));
            for (PlanStepEntity step : plans.steps(p.id())) {
                stepRuns.save(new StepRunEntity(Ids.stepRun(), id, step.position(), step.position(), StepKind.ACT,
                        step.tool(), step.action(), step.actionClass(), step.argsJson(), StepRunStatus.RUNNING, 1,
                        null, null, now, null, null, null));
            }
            lifecycle.move(plans.require(p.id()), PlanStatus.EXECUTING, Actor.SYSTEM, "crashed replica");
            scheduler.enqueue(id, "takeover");
            return null;
        });
        scheduler.nudge();
        return id;
    }
}
