package io.carapulse.api.approval;

/**
 * A channel an approval request is routed to (design §7): {@code local} (the API, CLI and console),
 * {@code linear} (an issue whose label carries the decision), {@code pagerduty} (an incident that
 * pages the on-call). The approval record in Carapulse stays the truth; a provider only mirrors it
 * into its channel. Environments name providers under {@code approvals}.
 *
 * <p>The server calls {@link #announce} and {@link #update} from a durable outbox: a call that fails
 * is made again later with backoff, and a call that succeeded but whose result was not stored (a
 * crash in between) is made again too. Both methods must therefore be idempotent as documented.
 */
public interface ApprovalProvider {

    /** The name environments list under {@code approvals}, e.g. {@code linear}; lower-case and stable. */
    String name();

    /** Whether people decide through this channel ({@code local}, {@code linear}) or it only informs. */
    boolean decides();

    /**
     * Whether requests are sent anywhere. {@code local} sends nothing: its channel is the approval
     * record itself, read through the API. When false, {@link #announce} and {@link #update} are
     * never called.
     */
    default boolean announces() {
        return true;
    }

    /**
     * Announces a new approval request in the channel (creates the Linear issue, triggers the
     * PagerDuty incident).
     *
     * <p>Idempotent per {@link ApprovalRequest#channelId()}: called again for the same request after
     * a timeout, an error or a restart, it finds what an earlier attempt created instead of creating
     * it twice.
     *
     * @return how the channel knows the request, stored with the approval and shown as evidence
     * @throws io.carapulse.api.error.RetriableException the channel could not be reached or answered
     *         429/5xx; the server tries again with backoff
     * @throws io.carapulse.api.error.PermanentException the channel refused the call (credentials,
     *         configuration); the server shows it as {@code channel_error} and tries again later, so
     *         fixing the configuration heals it
     */
    ChannelRecord announce(ApprovalRequest request);

    /**
     * Brings the channel in step with a change of the approval (decided elsewhere, refused, expired,
     * superseded, executed). Idempotent per {@link ChannelUpdate#updateId()}: the same update applied
     * twice leaves the channel as once (one comment, the same labels).
     *
     * @param record what {@link #announce} (or an earlier update) returned
     * @return the record, with whatever the channel revealed since (e.g. the PagerDuty incident id)
     * @throws io.carapulse.api.error.RetriableException as for {@link #announce}
     * @throws io.carapulse.api.error.PermanentException as for {@link #announce}
     */
    ChannelRecord update(ChannelRecord record, ChannelUpdate update);
}
