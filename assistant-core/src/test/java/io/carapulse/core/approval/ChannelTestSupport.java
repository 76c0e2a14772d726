package io.carapulse.core.approval;

import io.carapulse.api.dto.ApprovalView;
import io.carapulse.core.api.Views;
import io.carapulse.core.audit.AuditFilter;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.audit.Decision;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.common.Times;
import io.carapulse.core.execution.ExecutionEntity;
import io.carapulse.core.execution.ExecutionService;
import io.carapulse.core.execution.ExecutionStatus;
import io.carapulse.core.plan.PlanEntity;
import io.carapulse.core.plan.PlanService;
import io.carapulse.core.support.TestClock;
import io.carapulse.testkit.fake.FakeWorld;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/** Shared wiring of the approval channel tests: the fakes, the beans, and helpers that read as steps. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChannelTestSupport implements TestPropertyProvider {

    final ChannelWorld world = new ChannelWorld();

    @Inject PlanService plans;
    @Inject ApprovalService approvals;
    @Inject ApprovalRepository approvalRows;
    @Inject ChannelRepository channels;
    @Inject OutboxRepository outbox;
    @Inject InboxRepository inbox;
    @Inject ChannelDispatcher dispatcher;
    @Inject DecisionPoller poller;
    @Inject ExecutionService executions;
    @Inject AuditService audit;
    @Inject Views views;
    @Inject TestClock clock;
    @Inject FakeWorld fake;
    @Inject EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return world.properties();
    }

    @BeforeEach
    void resetWorld() {
        world.reset();
        fake.reset();
        fake.deploy("web", 2);
    }

    /** A test leaves no channel work behind for the next one, whose Linear starts empty. */
    @AfterEach
    void settleAndResetClock() {
        drain();
        clock.reset();
    }

    @AfterAll
    void stopFakes() {
        world.close();
    }

    /** Makes every due channel call (waiting for those another dispatcher holds) until none is due. */
    void drain() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            dispatcher.runDue();
            if (outbox.countByStatusAndDueAtLessThanEquals(OutboxStatus.PENDING, Times.now(clock)) == 0) {
                return;
            }
            sleep();
        }
        throw new AssertionError("channel calls are still due: " + outbox.findDue(Times.now(clock)));
    }

    ApprovalEntity approvalOf(PlanEntity plan) {
        return approvals.latest(plan.id()).orElseThrow();
    }

    ChannelEntity channel(ApprovalEntity approval, String provider) {
        return channels.findByApprovalIdOrderByProvider(approval.id()).stream()
                .filter(c -> c.provider().equals(provider)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + provider + " channel for " + approval.id()));
    }

    String issueOf(PlanEntity plan) {
        return channel(approvalOf(plan), "linear").externalId();
    }

    ApprovalView view(PlanEntity plan) {
        return views.approval(approvalOf(plan));
    }

    TestHttp http() {
        return new TestHttp(server.getURL());
    }

    /** Linear delivers a signed webhook about the issue, now. */
    TestHttp.Response webhook(String issueId) {
        String body = world.linear.webhookBody(issueId, clock.instant());
        return http().send("POST", "/webhooks/linear", null, "application/json; charset=utf-8", body,
                "Linear-Signature", ChannelWorld.sign(body, ChannelWorld.WEBHOOK_SECRET),
                "Linear-Delivery", "6f0c1d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f", "Linear-Event", "Issue");
    }

    long audits(String action, Decision decision, String planId) {
        return audit.list(new AuditFilter(null, action, decision, planId, null, null), 500).items().size();
    }

    ExecutionEntity awaitEnd(ExecutionEntity started) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            ExecutionEntity e = executions.require(started.id());
            if (e.status().terminal() || e.status() == ExecutionStatus.HELD) {
                return e;
            }
            sleep();
        }
        throw new AssertionError("execution " + started.id() + " did not end");
    }

    static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
