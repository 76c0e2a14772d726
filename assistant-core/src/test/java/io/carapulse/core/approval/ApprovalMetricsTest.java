package io.carapulse.core.approval;

import static io.carapulse.core.support.People.OLIVER;
import static io.carapulse.core.support.Steps.act;
import static io.carapulse.core.support.Steps.plan;
import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.core.observability.Scrape;
import io.carapulse.core.plan.PlanEntity;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The approval histograms over real deliveries and decisions: webhook intake by provider and outcome,
 * and the wait of a request decided through Linear or left to run out.
 */
@MicronautTest(environments = "test", transactional = false)
class ApprovalMetricsTest extends ChannelTestSupport {

    private static final String INTAKE = "carapulse_webhook_intake_duration_seconds";

    @Test
    void shouldTimeEveryWebhookDeliveryByProviderAndOutcome() {
        PlanEntity p = plans.create(OLIVER, plan("staging", act("scale", "name", "web", "replicas", 3)));
        drain();
        String issue = issueOf(p);
        world.linear.applyLabel(issue, ChannelWorld.BOB, "approval:approved");
        Scrape before = scrape();

        String body = world.linear.webhookBody(issue, clock.instant());
        assertThat(http().send("POST", "/webhooks/linear", null, "application/json", body).status()).isEqualTo(401);
        assertThat(webhook(issue).status()).isEqualTo(200);
        drain();

        Scrape after = scrape();
        assertThat(delta(before, after, INTAKE + "_count{outcome=\"unauthenticated\",provider=\"linear\"}")).isEqualTo(1);
        assertThat(delta(before, after, INTAKE + "_count{outcome=\"accepted\",provider=\"linear\"}")).isEqualTo(1);
        assertThat(after.samples()).containsKey(INTAKE + "_bucket{outcome=\"accepted\",provider=\"linear\",le=\"+Inf\"}");
        assertThat(delta(before, after, "carapulse_approval_webhooks_total{outcome=\"accepted\",provider=\"linear\"}"))
                .isEqualTo(1);
        assertThat(approvalOf(p).status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(delta(before, after, "carapulse_approval_wait_seconds_count{environment=\"staging\",outcome=\"approved\"}"))
                .isEqualTo(1);
    }

    @Test
    void shouldRecordTheWholeTtlAsTheWaitOfARequestThatRanOut() {
        PlanEntity p = plans.create(OLIVER, plan("staging", act("scale", "name", "web", "replicas", 3)));
        drain();
        Scrape before = scrape();

        clock.advance(Duration.ofHours(2));
        assertThat(approvals.expireAllDue()).isGreaterThanOrEqualTo(1);

        Scrape after = scrape();
        assertThat(approvalOf(p).status()).isEqualTo(ApprovalStatus.EXPIRED);
        String expired = "{environment=\"staging\",outcome=\"expired\"}";
        assertThat(delta(before, after, "carapulse_approval_wait_seconds_count" + expired)).isGreaterThanOrEqualTo(1);
        // staging's approval-ttl is 1h: the request waited exactly that long
        assertThat(delta(before, after, "carapulse_approval_wait_seconds_bucket{environment=\"staging\",outcome=\"expired\","
                + "le=\"1800.0\"}")).isZero();
        assertThat(delta(before, after, "carapulse_approval_wait_seconds_bucket{environment=\"staging\",outcome=\"expired\","
                + "le=\"3600.0\"}")).isEqualTo(delta(before, after, "carapulse_approval_wait_seconds_count" + expired));
    }

    private Scrape scrape() {
        return Scrape.of(http().get("/metrics", null).body());
    }

    private static double delta(Scrape before, Scrape after, String series) {
        return after.value(series) - before.value(series);
    }
}
