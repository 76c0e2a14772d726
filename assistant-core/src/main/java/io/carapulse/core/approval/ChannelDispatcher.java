package io.carapulse.core.approval;

import io.carapulse.api.approval.ApprovalProvider;
import io.carapulse.api.approval.ChannelRecord;
import io.carapulse.api.approval.ChannelUpdate;
import io.carapulse.api.error.CarapulseException;
import io.carapulse.api.error.RetriableException;
import io.carapulse.api.redact.Redactor;
import io.carapulse.core.audit.AuditEntry;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.common.Times;
import io.carapulse.core.execution.ExecutionEntity;
import io.carapulse.core.execution.ExecutionRepository;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the calls the outbox holds: in order per channel, one dispatcher per call (a lease taken with
 * optimistic locking), each outcome stored in its own transaction. A failed call stays pending and is
 * made again after a backoff that doubles up to {@code max-backoff}; meanwhile the channel shows
 * {@code channel_error} with the reason, and the approval itself stays as it was (fail closed).
 * Also queues, for channels whose approval's execution has ended, the news of that end.
 */
@Singleton
public class ChannelDispatcher {

    static final Duration LEASE = Duration.ofMinutes(2);
    private static final Logger LOG = LoggerFactory.getLogger(ChannelDispatcher.class);

    private final OutboxRepository outbox;
    private final ChannelRepository channels;
    private final ApprovalRepository approvals;
    private final ExecutionRepository executions;
    private final ApprovalProviders providers;
    private final ApprovalRequests requests;
    private final ChannelDecisions decisions;
    private final ApprovalChannels enqueue;
    private final ApprovalsConfiguration config;
    private final AuditService audit;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;

    public ChannelDispatcher(OutboxRepository outbox, ChannelRepository channels, ApprovalRepository approvals,
                             ExecutionRepository executions, ApprovalProviders providers, ApprovalRequests requests,
                             ChannelDecisions decisions, ApprovalChannels enqueue, ApprovalsConfiguration config,
                             AuditService audit, TransactionOperations<Connection> tx, Clock clock) {
        this.outbox = outbox;
        this.channels = channels;
        this.approvals = approvals;
        this.executions = executions;
        this.providers = providers;
        this.requests = requests;
        this.decisions = decisions;
        this.enqueue = enqueue;
        this.config = config;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** Makes every due call once; returns how many succeeded. */
    public int runDue() {
        noteEndedExecutions();
        int succeeded = 0;
        Instant now = Times.now(clock);
        for (OutboxEntity due : outbox.findDue(now)) {
            if (outbox.existsByChannelIdAndStatusAndIdLessThan(due.channelId(), OutboxStatus.PENDING, due.id())) {
                continue; // an earlier call of this channel comes first
            }
            OutboxEntity leased;
            try {
                leased = outbox.update(due.leased(now.plus(LEASE)));
            } catch (OptimisticLockException e) {
                continue; // another dispatcher took it
            }
            if (run(leased)) {
                succeeded++;
            }
        }
        return succeeded;
    }

    private boolean run(OutboxEntity op) {
        ChannelEntity channel = channels.findById(op.channelId()).orElseThrow();
        try {
            ApprovalProvider provider = providers.provider(channel.provider()).orElseThrow(() ->
                    new RetriableException("channel_not_configured", "approval provider '" + channel.provider()
                            + "' is not configured on this server"));
            switch (op.kind()) {
                case ANNOUNCE -> succeed(op, provider.announce(requests.of(channel)), "announce");
                case UPDATE -> {
                    ChannelUpdate update = ChannelUpdates.read(op.payloadJson());
                    ChannelRecord record = channel.record();
                    if (record == null) {
                        throw new RetriableException("channel_not_announced", "the request is not in "
                                + channel.provider() + " yet");
                    }
                    succeed(op, provider.update(record, update), ChannelUpdates.type(update));
                }
                case CHECK -> {
                    decisions.check(channel);
                    tx.executeWrite(s -> outbox.update(fresh(op).done(Times.now(clock))));
                }
            }
            return true;
        } catch (RuntimeException e) {
            fail(op, channel, e);
            return false;
        }
    }

    private void succeed(OutboxEntity op, ChannelRecord record, String call) {
        tx.executeWrite(s -> {
            Instant now = Times.now(clock);
            ChannelEntity c = channels.update(channels.findById(op.channelId()).orElseThrow().reached(record, now));
            outbox.update(fresh(op).done(now));
            audit.record(AuditEntry.allow(Actor.SYSTEM, "approval.channel", "approval", c.approvalId())
                    .with("provider", c.provider()).with("call", call).with("externalId", c.externalId())
                    .with("displayId", c.displayId()).with("url", c.url()));
            return null;
        });
    }

    private void fail(OutboxEntity op, ChannelEntity channel, RuntimeException e) {
        String reason = e instanceof CarapulseException ce ? ce.getMessage() : e.getClass().getSimpleName();
        String clean = Redactor.patterns().redact(reason == null ? "failed" : reason);
        String error = clean.length() > 2000 ? clean.substring(0, 2000) : clean;
        Instant now = Times.now(clock);
        Instant retry = now.plus(backoff(op.attempts() + 1));
        if (e instanceof CarapulseException) {
            LOG.warn("{} call {} for approval {} failed (attempt {}), retry at {}: {}", channel.provider(), op.kind(),
                    channel.approvalId(), op.attempts() + 1, retry, error);
        } else {
            LOG.error("{} call {} for approval {} failed (attempt {}), retry at {}", channel.provider(), op.kind(),
                    channel.approvalId(), op.attempts() + 1, retry, e);
        }
        tx.executeWrite(s -> {
            outbox.update(fresh(op).failed(error, retry));
            channels.update(channels.findById(channel.id()).orElseThrow().failed(error, retry, now));
            return null;
        });
    }

    /** 2 s, 4 s, 8 s … up to {@code max-backoff}. */
    Duration backoff(int attempts) {
        Duration d = Duration.ofSeconds(1L << Math.min(attempts, 20));
        return d.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : d;
    }

    private OutboxEntity fresh(OutboxEntity op) {
        return outbox.findById(op.id()).orElseThrow();
    }

    private void noteEndedExecutions() {
        for (ChannelEntity c : channels.findWithEndedExecution()) {
            tx.executeWrite(s -> {
                ChannelEntity fresh = channels.findById(c.id()).orElseThrow();
                ApprovalEntity a = approvals.findById(fresh.approvalId()).orElseThrow();
                ExecutionEntity e = executions.findById(a.consumedByExecution()).orElseThrow();
                String detail = e.errorDetail() == null ? null : Redactor.patterns().redact(e.errorDetail());
                enqueue.executionEnded(fresh, e.id(), e.status().name(), detail,
                        config.link("/v1/executions/" + e.id() + "/evidence"));
                channels.update(fresh.executionNoted(Times.now(clock)));
                return null;
            });
        }
    }
}
