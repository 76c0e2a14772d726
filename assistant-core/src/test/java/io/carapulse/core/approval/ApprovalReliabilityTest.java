package io.carapulse.core.approval;

import static io.carapulse.core.support.People.OLIVER;
import static io.carapulse.core.support.Steps.act;
import static io.carapulse.core.support.Steps.plan;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.audit.Decision;
import io.carapulse.core.common.Json;
import io.carapulse.core.plan.PlanEntity;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Webhooks accept nothing unsigned, stale or oversized and never tell whether an approval exists;
 * every decision is applied at most once whichever way it arrives; an outage leaves the approval
 * pending and visible as {@code channel_error} until the channel answers again; no secret shows up in
 * logs, audit or answers.
 */
@MicronautTest(environments = "test", transactional = false)
class ApprovalReliabilityTest extends ChannelTestSupport {

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        logs.start();
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(logs);
    }

    private PlanEntity announcedStagingPlan() {
        PlanEntity p = plans.create(OLIVER, plan("staging", act("scale", "name", "web", "replicas", 3)));
        drain();
        return p;
    }

    private TestHttp.Response post(String body, String... headers) {
        return http().send("POST", "/webhooks/linear", null, "application/json", body, headers);
    }

    @Test
    void shouldRefuseUnsignedAndWronglySignedDeliveriesWith401AndQueueNothing() {
        PlanEntity p = announcedStagingPlan();
        String issue = issueOf(p);
        world.linear.applyLabel(issue, ChannelWorld.BOB, "approval:approved");
        String body = world.linear.webhookBody(issue, clock.instant());

        TestHttp.Response unsigned = post(body);
        TestHttp.Response wrong = post(body, "Linear-Signature", ChannelWorld.sign(body, "another-secret"));
        TestHttp.Response tampered = post(body.replace("OPS-", "OPS-9"), "Linear-Signature",
                ChannelWorld.sign(body, ChannelWorld.WEBHOOK_SECRET));

        for (TestHttp.Response r : List.of(unsigned, wrong, tampered)) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.code()).isEqualTo("unauthenticated");
            assertThat(r.body()).doesNotContain(issue).doesNotContain(p.id());
        }
        drain();
        assertThat(approvalOf(p).status()).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    void shouldRefuseAStaleDeliveryAndAnOversizedOne() {
        PlanEntity p = announcedStagingPlan();
        String stale = world.linear.webhookBody(issueOf(p), clock.instant().minus(Duration.ofMinutes(5)));
        String big = "{\"type\":\"Issue\",\"pad\":\"" + "x".repeat(300_000) + "\"}";

        assertThat(post(stale, "Linear-Signature", ChannelWorld.sign(stale, ChannelWorld.WEBHOOK_SECRET)).status())
                .isEqualTo(401);
        TestHttp.Response tooBig = post(big, "Linear-Signature", ChannelWorld.sign(big, ChannelWorld.WEBHOOK_SECRET));
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.code()).isEqualTo("payload_too_large");
    }

    @Test
    void shouldAnswerTheSameWhetherOrNotTheIssueIsOurs() {
        PlanEntity p = announcedStagingPlan();
        String ours = world.linear.webhookBody(issueOf(p), clock.instant());
        String theirs = ours.replace(issueOf(p), "7a7a7a7a-0000-4000-8000-000000000000");

        TestHttp.Response a = post(ours, "Linear-Signature", ChannelWorld.sign(ours, ChannelWorld.WEBHOOK_SECRET));
        TestHttp.Response b = post(theirs, "Linear-Signature", ChannelWorld.sign(theirs, ChannelWorld.WEBHOOK_SECRET));

        assertThat(a.status()).isEqualTo(200);
        assertThat(b.status()).isEqualTo(a.status());
        assertThat(b.body()).isEqualTo(a.body());
    }

    @Test
    void shouldApplyAReplayedDeliveryOnce() {
        PlanEntity p = announcedStagingPlan();
        String issue = issueOf(p);
        world.linear.applyLabel(issue, ChannelWorld.BOB, "approval:approved");
        String body = world.linear.webhookBody(issue, clock.instant());
        String signature = ChannelWorld.sign(body, ChannelWorld.WEBHOOK_SECRET);

        assertThat(post(body, "Linear-Signature", signature).status()).isEqualTo(200);
        drain();
        assertThat(post(body, "Linear-Signature", signature).status()).isEqualTo(200);
        assertThat(post(body, "Linear-Signature", signature).status()).isEqualTo(200);
        drain();

        assertThat(approvalOf(p).status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(audits("approval.decide", Decision.ALLOW, p.id())).isEqualTo(1);
        assertThat(audits("approval.decide", Decision.DENY, p.id())).isZero();
        assertThat(inbox.findByApprovalIdOrderById(approvalOf(p).id())).hasSize(1);
    }

    @Test
    void shouldApplyAChangeSeenByWebhookAndByPollOnce() {
        PlanEntity p = announcedStagingPlan();
        PlanEntity other = announcedStagingPlan();
        PlanEntity third = announcedStagingPlan();
        String issue = issueOf(p);
        world.linear.applyLabel(issue, ChannelWorld.BOB, "approval:approved");
        world.linear.applyLabel(issueOf(third), ChannelWorld.CAROL, "approval:rejected");

        webhook(issue);
        drain();
        assertThat(poller.pollAll()).isGreaterThanOrEqualTo(2);
        drain();

        assertThat(approvalOf(p).status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(approvalOf(third).status()).as("found by polling alone").isEqualTo(ApprovalStatus.REJECTED);
        assertThat(approvalOf(other).status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(audits("approval.decide", Decision.ALLOW, p.id())).isEqualTo(1);
        assertThat(audits("approval.decide", Decision.DENY, p.id())).isZero();
    }

    @Test
    void shouldKeepTheApprovalPendingWithAChannelErrorWhileLinearIsDownThenRecover() {
        world.linear.down = true;
        PlanEntity p = plans.create(OLIVER, plan("staging", act("scale", "name", "web", "replicas", 3)));
        drain();

        ChannelEntity failing = channel(approvalOf(p), "linear");
        assertThat(failing.externalId()).isNull();
        assertThat(failing.lastError()).startsWith("Linear answered 503");
        assertThat(failing.retryAt()).isAfter(Instant.now());
        TestHttp.Response view = http().get("/v1/approvals/" + approvalOf(p).id(),
                "Bearer-less"); // anonymous: refused, and says nothing of the approval
        assertThat(view.status()).isEqualTo(401);
        assertThat(view(p).channels()).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo("channel_error");
            assertThat(c.error()).contains("503");
            assertThat(c.failures()).isEqualTo(1);
        });
        assertThat(approvalOf(p).status()).isEqualTo(ApprovalStatus.PENDING);

        clock.advance(Duration.ofSeconds(3));
        drain();
        assertThat(channel(approvalOf(p), "linear").failures()).as("retried with backoff").isEqualTo(2);

        world.linear.down = false;
        clock.advance(Duration.ofMinutes(11));
        drain();

        assertThat(view(p).channels()).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo("open");
            assertThat(c.error()).isNull();
        });
        assertThat(world.linear.issues()).hasSize(1);
        assertThat(approvalOf(p).status()).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    void shouldFailClosedWhenPagerDutyCannotSayWhoIsOnCallAndApplyTheDecisionOnceItCan() {
        PlanEntity p = plans.create(OLIVER, plan("prod", act("scale", "name", "web", "replicas", 3)));
        drain();
        world.pdServer.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/oncalls")).atPriority(1)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(503)));
        world.linear.applyLabel(issueOf(p), ChannelWorld.BOB, "approval:approved");
        webhook(issueOf(p));
        drain();

        assertThat(approvalOf(p).status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(channel(approvalOf(p), "linear").lastError()).contains("PagerDuty cannot say who is on call");
        assertThat(inbox.findByApprovalIdOrderById(approvalOf(p).id())).isEmpty();
        assertThat(world.linear.commentBodies(issueOf(p))).isEmpty();

        world.pd.reset();
        world.pd.onCall("escalation_policy_ids", "PESC42", "bob@example.com");
        clock.advance(Duration.ofMinutes(11));
        drain();
        assertThat(approvalOf(p).status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void shouldKeepEverySecretOutOfLogsAuditAnswersAndEvidence() {
        world.linear.down = true;
        PlanEntity p = plans.create(OLIVER, plan("prod", act("patch", "name", "web", "replicas", 9)));
        drain();
        world.linear.down = false;
        clock.advance(Duration.ofMinutes(11));
        drain();
        world.linear.applyLabel(issueOf(p), ChannelWorld.MALLORY, "approval:approved");
        webhook(issueOf(p));
        post("{}", "Linear-Signature", "00");
        drain();

        String everything = String.join("\n", logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList())
                + Json.write(audit.list(new io.carapulse.core.audit.AuditFilter(null, null, null, null, null, null),
                500)) + Json.write(view(p)) + world.linear.commentBodies(issueOf(p));
        assertThat(logs.list).isNotEmpty();
        for (String secret : List.of(ChannelWorld.LINEAR_KEY, ChannelWorld.WEBHOOK_SECRET, ChannelWorld.ROUTING_KEY,
                ChannelWorld.PROD_ROUTING_KEY, ChannelWorld.PD_TOKEN)) {
            assertThat(everything).doesNotContain(secret);
        }
    }
}
