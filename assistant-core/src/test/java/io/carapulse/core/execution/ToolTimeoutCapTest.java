package io.carapulse.core.execution;

import static io.carapulse.core.support.People.ALICE;
import static io.carapulse.core.support.People.BOB;
import static io.carapulse.core.support.People.OLIVER;
import static io.carapulse.core.support.Steps.act;
import static io.carapulse.core.support.Steps.plan;
import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.api.dto.ApprovalDecisionRequest;
import io.carapulse.core.approval.ApprovalService;
import io.carapulse.core.plan.PlanEntity;
import io.carapulse.core.plan.PlanService;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code carapulse.tools.<tool>.timeout} bounds every call of that tool, whatever the action allows. */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
@Property(name = "carapulse.tools.fake.timeout", value = "1s")
class ToolTimeoutCapTest {

    @Inject PlanService plans;
    @Inject ApprovalService approvals;
    @Inject ExecutionService executions;
    @Inject StepRunRepository stepRuns;

    @Test
    void shouldTimeOutAtTheToolsCap() {
        PlanEntity p = plans.create(ALICE, plan("prod", act("sleep", "millis", 60_000)));
        approvals.decide(BOB, p.id(), new ApprovalDecisionRequest("approve", null, null, null));
        ExecutionEntity e = executions.start(OLIVER, p.id());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!executions.require(e.id()).status().terminal() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(executions.require(e.id()).status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(stepRuns.findByExecutionIdOrderBySeq(e.id())).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(StepRunStatus.TIMED_OUT));
    }
}
