package io.carapulse.core.approval;

import static io.carapulse.core.support.People.ADRIAN;
import static io.carapulse.core.support.People.OLIVER;
import static io.carapulse.core.support.Steps.act;
import static io.carapulse.core.support.Steps.plan;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.core.audit.AuditFilter;
import io.carapulse.core.audit.Decision;
import io.carapulse.core.execution.ExecutionEntity;
import io.carapulse.core.execution.ExecutionStatus;
import io.carapulse.core.plan.PlanEntity;
import io.carapulse.core.plan.PlanStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

/**
 * prod: decided in Linear, the approver must be on call for the escalation policy in PagerDuty at the
 * moment they decide, and break-glass requests also page (Events v2), resolved when the execution ends.
 */
@MicronautTest(environments = "test", transactional = false)
class PagerDutyApprovalFlowTest extends ChannelTestSupport {

    @Test
    void shouldNotPageAnOrdinaryProdRequestButRefuseAnApproverWhoIsNotOnCall() {
        PlanEntity p = plans.create(OLIVER, plan("prod", act("scale", "name", "web", "replicas", 3)));
        drain();
        String issue = issueOf(p);
        assertThat(world.pd.events()).isEmpty();
        assertThat(channels.findByApprovalIdOrderByProvider(approvalOf(p).id())).extracting(ChannelEntity::provider)
                .containsExactly("linear");

        world.linear.applyLabel(issue, ChannelWorld.CAROL, "approval:approved");
        webhook(issue);
        drain();

        assertThat(approvalOf(p).status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(world.linear.commentBodies(issue)).singleElement().asString()
                .contains("carol@example.com is not on call now for PagerDuty escalation policy PESC42");
        assertThat(world.linear.labelNames(issue)).containsExactly("approval:pending");
        assertThat(audit.list(new AuditFilter("email:carol@example.com", "approval.decide", Decision.DENY, p.id(),
                null, null), 10).items()).singleElement()
                .satisfies(a -> assertThat(a.reason()).isEqualTo("not_on_call"));

        world.linear.applyLabel(issue, ChannelWorld.BOB, "approval:approved");
        webhook(issue);
        drain();
        assertThat(approvalOf(p).status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(approvalOf(p).decidedBy()).isEqualTo("email:bob@example.com");
    }

    @Test
    void shouldPageABreakGlassRequestAndResolveThePageWhenTheExecutionEnds() {
        PlanEntity p = plans.create(OLIVER, plan("prod", act("patch", "name", "web", "replicas", 9)));
        assertThat(p.breakGlass()).isTrue();
        drain();
        ApprovalEntity approval = approvalOf(p);

        JsonNode trigger = world.pd.events().get(0);
        assertThat(trigger.path("event_action").asText()).isEqualTo("trigger");
        assertThat(trigger.path("routing_key").asText()).isEqualTo(ChannelWorld.PROD_ROUTING_KEY);
        assertThat(trigger.path("dedup_key").asText()).isEqualTo("carapulse/" + approval.id());
        assertThat(trigger.at("/payload/severity").asText()).isEqualTo("critical");
        assertThat(trigger.at("/payload/summary").asText()).startsWith("Break-glass approval needed in prod");
        assertThat(trigger.at("/links/0/href").asText()).isEqualTo("https://carapulse.example.com/v1/plans/" + p.id());
        ChannelEntity page = channel(approval, "pagerduty");
        assertThat(page.displayId()).isEqualTo("PINC042");
        assertThat(view(p).channels()).extracting(c -> c.provider() + ":" + c.status())
                .containsExactly("linear:open", "pagerduty:open");

        String issue = issueOf(p);
        world.linear.applyLabel(issue, ChannelWorld.BOB, "approval:approved");
        webhook(issue);
        drain();
        assertThat(approvalOf(p).status()).as("an approver is not enough for break-glass").isEqualTo(ApprovalStatus.PENDING);
        assertThat(world.linear.commentBodies(issue)).last().asString().contains("break-glass");

        world.linear.comment(issue, ChannelWorld.ADA, "payments down, web must come back now");
        world.linear.applyLabel(issue, ChannelWorld.ADA, "approval:approved");
        webhook(issue);
        drain();
        ApprovalEntity approved = approvalOf(p);
        assertThat(approved.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(approved.breakGlassReason()).isEqualTo("payments down, web must come back now");
        assertThat(world.pd.events()).hasSize(1);

        ExecutionEntity e = awaitEnd(executions.start(ADRIAN, p.id()));
        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        drain();

        JsonNode resolve = world.pd.events().get(1);
        assertThat(resolve.path("event_action").asText()).isEqualTo("resolve");
        assertThat(resolve.path("dedup_key").asText()).isEqualTo("carapulse/" + approval.id());
        assertThat(resolve.path("routing_key").asText()).isEqualTo(ChannelWorld.PROD_ROUTING_KEY);
        assertThat(world.linear.commentBodies(issue)).last().asString().contains("SUCCEEDED");
        assertThat(plans.require(p.id()).status()).isEqualTo(PlanStatus.SUCCEEDED);
        assertThat(channel(approval, "pagerduty").evidenceJson()).contains("\"incidentId\":\"PINC042\"",
                "\"resolved\":true");
    }

    @Test
    void shouldResolveThePageWhenTheBreakGlassRequestIsRejected() {
        PlanEntity p = plans.create(OLIVER, plan("prod", act("patch", "name", "web", "replicas", 9)));
        drain();
        world.linear.applyLabel(issueOf(p), ChannelWorld.BOB, "approval:rejected");
        webhook(issueOf(p));
        drain();

        assertThat(approvalOf(p).status()).isEqualTo(ApprovalStatus.REJECTED);
        assertThat(world.pd.events()).extracting(ev -> ev.path("event_action").asText())
                .containsExactly("trigger", "resolve");
    }
}
