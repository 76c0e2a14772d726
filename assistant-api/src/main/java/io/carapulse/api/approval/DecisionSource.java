package io.carapulse.api.approval;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * A provider through which people decide outside Carapulse (Linear). The server learns of changes
 * from signed webhooks and, as a fallback, by polling; either way it then {@link #read reads} the
 * request's current state and applies the decision it shows at most once, keyed by
 * {@link ChannelDecision#eventKey()}.
 */
public interface DecisionSource {

    /** The provider's name, as {@link ApprovalProvider#name()}. */
    String name();

    /** Whether a webhook secret is configured; without one every delivery is refused. */
    boolean acceptsWebhooks();

    /**
     * Authenticates a webhook delivery: the signature over the raw body first, then the delivery's
     * age. Nothing in the body is trusted before the signature matches.
     *
     * @param body    the raw request body, exactly as received
     * @param headers the request's headers by name (case-insensitive), null when absent
     * @param now     the server's time
     * @return the external ids of the requests the delivery may concern; empty for deliveries about
     *         anything else
     * @throws WebhookRejectedException unsigned, wrongly signed, stale or unreadable; the caller
     *         answers 401 and says nothing more
     */
    List<String> verifyWebhook(byte[] body, Function<String, String> headers, Instant now);

    /**
     * The decision the channel shows now for one request, with who made it (from the channel's own
     * history, not from a webhook body), and the evidence to keep.
     *
     * @throws io.carapulse.api.error.RetriableException the channel could not be reached
     */
    ChannelReading read(ChannelRecord record);

    /**
     * One page of the requests among {@code externalIds} that changed at or after {@code cursor}.
     *
     * @param cursor    the {@link PollPage#cursor()} of the previous pass; null for the first pass
     * @param pageAfter the {@link PollPage#nextPage()} of the previous page of this pass; null for the first page
     */
    PollPage changed(List<String> externalIds, String cursor, String pageAfter);
}
