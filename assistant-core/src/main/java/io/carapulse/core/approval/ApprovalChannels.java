package io.carapulse.core.approval;

import io.carapulse.api.approval.ApprovalProvider;
import io.carapulse.api.approval.ChannelUpdate;
import io.carapulse.config.Environment;
import io.carapulse.core.common.Ids;
import io.carapulse.core.common.Times;
import io.carapulse.core.plan.PlanEntity;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Records what the channels of an approval must be told, inside the transaction of the change (the
 * outbox): nothing is sent here, so a change and the calls it causes commit or vanish together, and a
 * call that fails is retried by {@link ChannelDispatcher} without the change being made twice.
 */
@Singleton
public class ApprovalChannels {

    private final ApprovalProviders providers;
    private final ChannelRepository channels;
    private final OutboxRepository outbox;
    private final Clock clock;

    public ApprovalChannels(ApprovalProviders providers, ChannelRepository channels, OutboxRepository outbox,
                            Clock clock) {
        this.providers = providers;
        this.channels = channels;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A new request: a channel and an announcement for every provider of the environment that sends. */
    void requested(ApprovalEntity approval, PlanEntity plan, Environment env) {
        Instant now = Times.now(clock);
        for (String name : env.policy().approvalProviders()) {
            ApprovalProvider provider = providers.provider(name).orElse(null);
            if (provider == null || !provider.announces()
                    || (name.equals("pagerduty") && !env.policy().pages(plan.breakGlass()))) {
                continue;
            }
            ChannelEntity c = channels.save(new ChannelEntity(Ids.channel(), approval.id(), name,
                    ChannelStatus.ANNOUNCING, UUID.randomUUID().toString(), null, null, null, "{}", null, 0, null,
                    false, now, now, null));
            outbox.save(OutboxEntity.pending(c.id(), OutboxKind.ANNOUNCE, "{}", now));
        }
    }

    /** The approval was decided; every channel shows it. */
    void decided(ApprovalEntity approval, boolean approved, String decidedBy, String via, String note) {
        each(approval, new ChannelUpdate.Decided(uuid(), approved, decidedBy, via, note));
    }

    void expired(ApprovalEntity approval) {
        each(approval, new ChannelUpdate.Expired(uuid()));
    }

    void superseded(ApprovalEntity approval, String why) {
        each(approval, new ChannelUpdate.Superseded(uuid(), why));
    }

    /** A decision that came through {@code channel} was refused; that channel says why. */
    void refused(ChannelEntity channel, String reason) {
        enqueue(channel, new ChannelUpdate.Refused(uuid(), reason));
    }

    /** The execution the approval authorised ended. */
    void executionEnded(ChannelEntity channel, String executionId, String status, String detail,
                        java.net.URI evidenceUrl) {
        enqueue(channel, new ChannelUpdate.ExecutionEnded(uuid(), executionId, status, evidenceUrl, detail));
    }

    /** Read the channel for a decision soon (a webhook or a poll saw it change). */
    void check(ChannelEntity channel) {
        if (!outbox.existsByChannelIdAndKindAndStatusAndAttempts(channel.id(), OutboxKind.CHECK,
                OutboxStatus.PENDING, 0)) {
            outbox.save(OutboxEntity.pending(channel.id(), OutboxKind.CHECK, "{}", Times.now(clock)));
        }
    }

    private void each(ApprovalEntity approval, ChannelUpdate update) {
        channels.findByApprovalIdOrderByProvider(approval.id()).forEach(c -> enqueue(c, update));
    }

    private void enqueue(ChannelEntity channel, ChannelUpdate update) {
        outbox.save(OutboxEntity.pending(channel.id(), OutboxKind.UPDATE, ChannelUpdates.write(update),
                Times.now(clock)));
    }

    private static String uuid() {
        return UUID.randomUUID().toString();
    }
}
