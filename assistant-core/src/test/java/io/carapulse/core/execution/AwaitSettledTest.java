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
import io.carapulse.testkit.fake.FakeWorld;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ExecutionService#awaitSettled} returns an execution once it ended, or as it is when time is up. */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "carapulse.testkit.fake-tools", value = "true")
class AwaitSettledTest {

    @Inject PlanService plans;
    @Inject ApprovalService approvals;
    @Inject ExecutionService executions;
    @Inject FakeWorld world;

    @BeforeEach
    void seed() {
        world.reset();
        world.deploy("web", 2);
    }

    @Test
    void shouldReturnTheExecutionOnceItEnded() throws Exception {
        String id = start(act("get", "name", "web"));

        ExecutionEntity e = executions.awaitSettled(id, Duration.ofSeconds(30));

        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(executions.awaitSettled(id, Duration.ZERO).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void shouldReturnTheExecutionAsItIsWhenTimeIsUpAndWakeOnItsCancellation() throws Exception {
        String id = start(act("sleep", "millis", 20_000));

        assertThat(executions.awaitSettled(id, Duration.ofMillis(300)).status().terminal()).isFalse();

        ExecutionEntity[] seen = new ExecutionEntity[1];
        Thread waiter = new Thread(() -> {
            try {
                seen[0] = executions.awaitSettled(id, Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        executions.cancel(OLIVER, id);
        waiter.join(Duration.ofSeconds(30).toMillis());

        assertThat(seen[0]).isNotNull();
        assertThat(seen[0].status()).isEqualTo(ExecutionStatus.CANCELLED);
    }

    /** Starts a one-step plan, approved by a second person when the step writes (fake.sleep does). */
    private String start(io.carapulse.api.dto.StepSpec step) {
        PlanEntity p = plans.create(ALICE, plan("prod", step));
        if (p.requiresApproval()) {
            approvals.decide(BOB, p.id(), new ApprovalDecisionRequest("approve", "test", null, null));
        }
        return executions.start(OLIVER, p.id()).id();
    }
}
