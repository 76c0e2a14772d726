package io.carapulse.core.approval;

import io.carapulse.api.approval.DecisionSource;
import io.carapulse.api.approval.WebhookRejectedException;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.core.common.Times;
import io.carapulse.core.observability.CarapulseMeters;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhook deliveries from decision channels. A delivery is only a hint that one of our requests may
 * have changed: it is authenticated (size, signature, freshness) and, when it names one of our
 * requests, a check of that request is queued; the decision itself is read back from the channel.
 * Callers learn nothing about which requests exist: every authentic delivery gets the same answer.
 */
@Singleton
public class WebhookIntake {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookIntake.class);

    private final ApprovalProviders providers;
    private final ChannelRepository channels;
    private final ApprovalChannels outbox;
    private final ApprovalsConfiguration config;
    private final CarapulseMeters meters;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;

    public WebhookIntake(ApprovalProviders providers, ChannelRepository channels, ApprovalChannels outbox,
                         ApprovalsConfiguration config, CarapulseMeters meters, TransactionOperations<Connection> tx,
                         Clock clock) {
        this.providers = providers;
        this.channels = channels;
        this.outbox = outbox;
        this.config = config;
        this.meters = meters;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Takes one delivery for {@code provider}.
     *
     * @throws ProblemException {@code not_found} when the provider takes no webhooks here,
     *         {@code payload_too_large}, or {@code unauthenticated} for anything not authentic and fresh
     */
    public void accept(String provider, byte[] body, Function<String, String> headers) {
        DecisionSource source = providers.source(provider).filter(DecisionSource::acceptsWebhooks)
                .orElseThrow(() -> new ProblemException(ProblemCode.NOT_FOUND, "no such route"));
        // timed from here: only providers that take webhooks become label values
        long started = System.nanoTime();
        String outcome = "error";
        try {
            take(source, provider, body, headers);
            outcome = "accepted";
        } catch (ProblemException e) {
            outcome = e.problem() == ProblemCode.PAYLOAD_TOO_LARGE ? "too_large"
                    : e.problem() == ProblemCode.UNAUTHENTICATED ? "unauthenticated" : "error";
            throw e;
        } finally {
            meters.webhook(provider, outcome, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private void take(DecisionSource source, String provider, byte[] body, Function<String, String> headers) {
        if (body == null || body.length > config.webhookMaxBytes()) {
            throw new ProblemException(ProblemCode.PAYLOAD_TOO_LARGE, "a webhook body is at most "
                    + config.webhookMaxBytes() + " bytes");
        }
        List<String> ids;
        try {
            ids = source.verifyWebhook(body, headers, Times.now(clock));
        } catch (WebhookRejectedException e) {
            LOG.warn("refused a {} webhook delivery: {}", provider, e.getMessage());
            throw new ProblemException(ProblemCode.UNAUTHENTICATED, "the delivery is not signed, not signed with"
                    + " this webhook's secret, or too old");
        }
        tx.executeWrite(s -> {
            ids.forEach(id -> channels.findByProviderAndExternalId(provider, id).ifPresent(outbox::check));
            return null;
        });
    }
}
