package io.carapulse.core.approval;

import static io.carapulse.core.support.People.ALICE;
import static io.carapulse.core.support.People.BOB;
import static io.carapulse.core.support.People.OLIVER;
import static io.carapulse.core.support.Steps.act;
import static io.carapulse.core.support.Steps.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.dto.ApprovalChannelView;
import io.carapulse.api.dto.ApprovalDecisionRequest;
import io.carapulse.api.dto.ApprovalView;
import io.carapulse.api.error.ProblemException;
import io.carapulse.core.audit.Decision;
import io.carapulse.core.execution.ExecutionEntity;
import io.carapulse.core.execution.ExecutionStatus;
import io.carapulse.core.plan.PlanEntity;
import io.carapulse.core.plan.PlanStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Linear workflow as an approver sees it, end to end against a stateful Linear on WireMock:
 * staging routes to Linear, qa to Linear and the API, dev to the API only.
 */
@MicronautTest(environments = "test", transactional = false)
class LinearApprovalFlowTest extends ChannelTestSupport {

    @Test
    void shouldRunTheStagingLoopThroughALinearIssue() {
        PlanEntity p = plans.create(OLIVER, plan("staging", act("scale", "name", "web", "replicas", 3)));
        drain();

        LinearFake.Issue issue = world.linear.issue(issueOf(p));
        assertThat(issue.title).isEqualTo("Approve [staging] test plan");
        assertThat(issue.description).contains("oliver@example.com", p.fingerprint(), "| 1 | act | fake | scale |",
                "WRITE", "https://carapulse.example.com/v1/plans/" + p.id());
        assertThat(world.linear.labelNames(issue.id)).containsExactly("approval:pending");
        ApprovalView pending = view(p);
        assertThat(pending.channels()).singleElement().satisfies(c -> {
            assertThat(c.provider()).isEqualTo("linear");
            assertThat(c.status()).isEqualTo("open");
            assertThat(c.displayId()).isEqualTo(issue.identifier);
            assertThat(c.url()).isEqualTo(issue.url());
        });

        world.linear.applyLabel(issue.id, ChannelWorld.BOB, "approval:approved");
        assertThat(webhook(issue.id).status()).isEqualTo(200);
        drain();

        ApprovalEntity approved = approvalOf(p);
        assertThat(approved.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(approved.decidedBy()).isEqualTo("email:bob@example.com");
        assertThat(approved.decidedVia()).isEqualTo("linear");
        assertThat(plans.require(p.id()).status()).isEqualTo(PlanStatus.APPROVED);
        assertThat(world.linear.labelNames(issue.id)).containsExactly("approval:approved");

        ExecutionEntity e = awaitEnd(executions.start(OLIVER, p.id()));
        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        drain();

        assertThat(world.linear.commentBodies(issue.id)).singleElement().asString()
                .contains(e.id(), "SUCCEEDED", "https://carapulse.example.com/v1/executions/" + e.id() + "/evidence");
        ApprovalChannelView channel = view(p).channels().get(0);
        assertThat(channel.evidence()).containsEntry("issueId", issue.id).containsEntry("identifier", issue.identifier)
                .containsEntry("url", issue.url());
        assertThat(channel.evidence().get("labelHistory")).asList().anySatisfy(h ->
                assertThat(h).isEqualTo(Map.of("at", ((Map<?, ?>) h).get("at"), "by", "bob@example.com",
                        "added", List.of("approval:approved"), "removed", List.of("approval:pending"))));
        drain();
        assertThat(world.linear.commentBodies(issue.id)).hasSize(1);
    }

    @Test
    void shouldCreateOneIssuePerRequestAndTheMissingLabelsOnce() {
        plans.create(OLIVER, plan("staging", act("scale", "name", "web", "replicas", 3)));
        plans.create(OLIVER, plan("staging", act("scale", "name", "web", "replicas", 4)));
        drain();

        assertThat(world.linear.issues()).hasSize(2);
        assertThat(world.linear.issueCreates()).isEqualTo(2);
        assertThat(world.linear.labelsInWorkspace()).containsExactlyInAnyOrder("approval:pending",
                "approval:approved", "approval:rejected", "approval:expired", "approval:superseded");
    }

    @Test
    void shouldRefuseAnApiDecisionWhereLinearDecides() {
        PlanEntity p = plans.create(OLIVER, plan("staging", act("scale", "name", "web", "replicas", 3)));
        drain();

        assertThatThrownBy(() -> approvals.decide(BOB, p.id(), new ApprovalDecisionRequest("approve", null, null, null)))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).code()).isEqualTo("forbidden"))
                .hasMessageContaining("decided in linear")
                .hasMessageContaining(world.linear.issue(issueOf(p)).identifier);
        assertThat(approvalOf(p).status()).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    void shouldRefuseAnUnknownLinearUserWithACommentAndKeepThePlanPending() {
        PlanEntity p = plans.create(OLIVER, plan("staging", act("scale", "name", "web", "replicas", 3)));
        drain();
        String issue = issueOf(p);

        world.linear.applyLabel(issue, ChannelWorld.MALLORY, "approval:approved");
        webhook(issue);
        drain();

        assertThat(approvalOf(p).status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(world.linear.commentBodies(issue)).singleElement().asString()
                .contains("Decision refused", "mallory@example.com is not a Carapulse approver");
        assertThat(world.linear.labelNames(issue)).containsExactly("approval:pending");
        assertThat(inbox.findByApprovalIdOrderById(approvalOf(p).id())).singleElement()
                .satisfies(i -> assertThat(i.outcome()).isEqualTo(InboxEntity.Outcome.REFUSED));
        assertThat(audits("approval.decide", Decision.DENY, p.id())).isEqualTo(1);
    }

    @Test
    void shouldRefuseTheRequesterApprovingThroughTheirLinearAccount() {
        PlanEntity p = plans.create(OLIVER, plan("staging", act("scale", "name", "web", "replicas", 3)));
        drain();
        String issue = issueOf(p);

        world.linear.applyLabel(issue, ChannelWorld.OLIVER, "approval:approved");
        webhook(issue);
        drain();

        assertThat(approvalOf(p).status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(world.linear.commentBodies(issue)).singleElement().asString()
                .contains("oliver@example.com requested this plan");
        assertThat(world.linear.labelNames(issue)).containsExactly("approval:pending");

        world.linear.applyLabel(issue, ChannelWorld.BOB, "approval:approved");
        webhook(issue);
        drain();
        assertThat(approvalOf(p).status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void shouldRecordALinearRejection() {
        PlanEntity p = plans.create(OLIVER, plan("staging", act("scale", "name", "web", "replicas", 3)));
        drain();
        world.linear.applyLabel(issueOf(p), ChannelWorld.CAROL, "approval:rejected");
        webhook(issueOf(p));
        drain();

        assertThat(approvalOf(p).status()).isEqualTo(ApprovalStatus.REJECTED);
        assertThat(approvalOf(p).decidedBy()).isEqualTo("email:carol@example.com");
        assertThat(plans.require(p.id()).status()).isEqualTo(PlanStatus.REJECTED);
    }

    @Test
    void shouldLabelTheIssueExpiredWhenTheRequestExpires() {
        PlanEntity p = plans.create(OLIVER, plan("staging", act("scale", "name", "web", "replicas", 3)));
        drain();
        String issue = issueOf(p);

        clock.advance(Duration.ofHours(2));
        approvals.expireAllDue();
        drain();

        assertThat(world.linear.labelNames(issue)).containsExactly("approval:expired");
        assertThat(world.linear.commentBodies(issue)).singleElement().asString().contains("expired");

        world.linear.applyLabel(issue, ChannelWorld.BOB, "approval:approved");
        webhook(issue);
        drain();
        assertThat(approvalOf(p).status()).isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(inbox.findByApprovalIdOrderById(approvalOf(p).id())).singleElement()
                .satisfies(i -> assertThat(i.outcome()).isEqualTo(InboxEntity.Outcome.IGNORED));
        assertThat(audit.list(new io.carapulse.core.audit.AuditFilter("email:bob@example.com", "approval.decide",
                Decision.DENY, p.id(), null, null), 10).items()).singleElement()
                .satisfies(a -> assertThat(a.reason()).isEqualTo("approval_not_pending"));
    }

    @Test
    void shouldSupersedeTheIssueWhenTheStepsChangeAndIgnoreDecisionsOnIt() {
        PlanEntity p = plans.create(OLIVER, plan("staging", act("scale", "name", "web", "replicas", 3)));
        drain();
        String first = issueOf(p);

        plans.replaceSteps(OLIVER, p.id(), List.of(act("scale", "name", "web", "replicas", 30)));
        drain();

        String second = issueOf(p);
        assertThat(second).isNotEqualTo(first);
        assertThat(world.linear.labelNames(first)).containsExactly("approval:superseded");
        assertThat(world.linear.commentBodies(first)).singleElement().asString().contains("steps edited");
        assertThat(world.linear.labelNames(second)).containsExactly("approval:pending");

        world.linear.applyLabel(first, ChannelWorld.BOB, "approval:approved");
        webhook(first);
        drain();
        assertThat(plans.require(p.id()).status()).isEqualTo(PlanStatus.AWAITING_APPROVAL);
        assertThat(audits("approval.decide", Decision.DENY, p.id())).isEqualTo(1);
    }

    @Test
    void shouldSyncTheLabelAndSayWhoDecidedWhenTheApiDecides() {
        PlanEntity p = plans.create(OLIVER, plan("qa", act("scale", "name", "web", "replicas", 3)));
        drain();
        String issue = issueOf(p);

        approvals.decide(BOB, p.id(), new ApprovalDecisionRequest("approve", "checked the graphs", null, null));
        drain();

        assertThat(approvalOf(p).decidedVia()).isEqualTo("local");
        assertThat(world.linear.labelNames(issue)).containsExactly("approval:approved");
        assertThat(world.linear.commentBodies(issue)).singleElement().asString()
                .contains("Approved by bob@example.com through Carapulse (local)", "checked the graphs");

        webhook(issue); // Linear tells us about our own label change: not a decision
        drain();
        assertThat(inbox.findByApprovalIdOrderById(approvalOf(p).id())).isEmpty();
        assertThat(audits("approval.decide", Decision.DENY, p.id())).isZero();
    }

    @Test
    void shouldRefuseAnApiApprovalBySomeoneNotOnCall() {
        PlanEntity p = plans.create(OLIVER, plan("qa", act("scale", "name", "web", "replicas", 3)));

        assertThatThrownBy(() -> approvals.decide(ALICE, p.id(), new ApprovalDecisionRequest("approve", null, null,
                null))).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).code()).isEqualTo("not_on_call"))
                .hasMessageContaining("alice@example.com is not on call now for PagerDuty schedule PSCHED1");
        assertThat(approvalOf(p).status()).isEqualTo(ApprovalStatus.PENDING);

        approvals.decide(ALICE, p.id(), new ApprovalDecisionRequest("reject", "not now", null, null));
        assertThat(approvalOf(p).status()).isEqualTo(ApprovalStatus.REJECTED);
    }

    @Test
    void shouldSendNothingAnywhereForDev() {
        PlanEntity p = plans.create(ALICE, plan("dev", act("scale", "name", "web", "replicas", 3)));
        drain();

        assertThat(channels.findByApprovalIdOrderByProvider(approvalOf(p).id())).isEmpty();
        assertThat(world.linear.issues()).isEmpty();
        approvals.decide(ALICE, p.id(), new ApprovalDecisionRequest("approve", null, null, null));
        assertThat(approvalOf(p).status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(world.pd.events()).isEmpty();
    }
}
