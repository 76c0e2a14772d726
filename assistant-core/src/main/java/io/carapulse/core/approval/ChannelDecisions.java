package io.carapulse.core.approval;

import io.carapulse.api.approval.ChannelDecision;
import io.carapulse.api.approval.ChannelReading;
import io.carapulse.api.approval.ChannelRecord;
import io.carapulse.api.approval.DecisionSource;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.api.error.RetriableException;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.AuthKind;
import io.carapulse.core.common.Times;
import io.carapulse.core.policy.PolicyService;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;

/**
 * Turns what a decision channel (Linear) shows into a decision on the approval record, at most once
 * per channel event: the channel's history names the person, their email names the Carapulse identity
 * ({@code carapulse.approvals.identities}), and the usual checks apply. A refused decision is recorded
 * and the channel is told why; a decision for an approval that is no longer pending is recorded as
 * ignored (its audit row says why).
 */
@Singleton
public class ChannelDecisions {

    private final ApprovalProviders providers;
    private final ApprovalService approvals;
    private final ApprovalRepository approvalRows;
    private final ChannelRepository channels;
    private final ApprovalChannels outbox;
    private final InboxRepository inbox;
    private final ApprovalsConfiguration config;
    private final PolicyService policy;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;

    public ChannelDecisions(ApprovalProviders providers, ApprovalService approvals, ApprovalRepository approvalRows,
                            ChannelRepository channels, ApprovalChannels outbox, InboxRepository inbox,
                            ApprovalsConfiguration config, PolicyService policy, TransactionOperations<Connection> tx,
                            Clock clock) {
        this.providers = providers;
        this.approvals = approvals;
        this.approvalRows = approvalRows;
        this.channels = channels;
        this.outbox = outbox;
        this.inbox = inbox;
        this.config = config;
        this.policy = policy;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Reads the channel and applies the decision it shows, if it is new.
     *
     * @throws RetriableException the channel or the on-call directory could not answer; try again later
     */
    void check(ChannelEntity channel) {
        ChannelRecord record = channel.record();
        DecisionSource source = providers.source(channel.provider()).orElse(null);
        if (record == null || source == null) {
            return;
        }
        ChannelReading reading = source.read(record);
        tx.executeWrite(s -> channels.update(channels.findById(channel.id()).orElseThrow()
                .withEvidence(reading.evidence(), Times.now(clock))));
        reading.decision().filter(d -> !inbox.existsByProviderAndEventKey(channel.provider(), d.eventKey()))
                .ifPresent(d -> handle(channel, d));
    }

    private void handle(ChannelEntity channel, ChannelDecision d) {
        ApprovalEntity approval = approvalRows.findById(channel.approvalId()).orElseThrow();
        String where = channel.provider() + (channel.displayId() == null ? "" : " " + channel.displayId());
        Actor actor = actor(channel, d);
        boolean known = d.email() != null && config.knows(d.email());
        try {
            if (approval.status() == ApprovalStatus.PENDING && d.outcome() == ChannelDecision.Outcome.AMBIGUOUS) {
                throw policy.deny(actor, "approval.decide", "plan", approval.planId(), ProblemCode.VALIDATION_FAILED,
                        "the issue carries both approval:approved and approval:rejected; keep one");
            }
            if (approval.status() == ApprovalStatus.PENDING && !known) {
                throw policy.deny(actor, "approval.decide", "plan", approval.planId(), ProblemCode.FORBIDDEN,
                        unknownPerson(d));
            }
            approvals.decideFromChannel(new Decision(actor, approval.planId(), approval.id(),
                    d.outcome() == ChannelDecision.Outcome.APPROVE, "decided in " + where, d.reason(), null,
                    channel.provider(), d.eventKey()));
        } catch (ProblemException e) {
            settle(channel, approval, d, e);
        }
    }

    private void settle(ChannelEntity channel, ApprovalEntity approval, ChannelDecision d, ProblemException e) {
        switch (e.problem()) {
            case UNAVAILABLE -> throw new RetriableException("unavailable", e.getMessage());
            case APPROVAL_NOT_PENDING, APPROVAL_EXPIRED, FINGERPRINT_MISMATCH, INVALID_STATE ->
                    record(channel, approval, d, InboxEntity.Outcome.IGNORED, e.getMessage(), false);
            default -> record(channel, approval, d, InboxEntity.Outcome.REFUSED, e.getMessage(), true);
        }
    }

    private void record(ChannelEntity channel, ApprovalEntity approval, ChannelDecision d, InboxEntity.Outcome outcome,
                        String detail, boolean tellChannel) {
        tx.executeWrite(s -> {
            inbox.save(new InboxEntity(null, channel.provider(), d.eventKey(), approval.id(), outcome,
                    detail.length() > 2000 ? detail.substring(0, 2000) : detail, Times.now(clock)));
            if (tellChannel) {
                outbox.refused(channel, detail);
            }
            return null;
        });
    }

    /**
     * The Carapulse identity of the person the channel names ({@code email:<address>} with the roles
     * configured for it), or a role-less {@code <provider>:<who>} when the email is not listed. The
     * email is the one the channel shows for the account; a display name never stands in for it.
     */
    private Actor actor(ChannelEntity channel, ChannelDecision d) {
        String email = d.email() == null ? null : d.email().toLowerCase(Locale.ROOT);
        if (email != null && config.knows(email)) {
            return new Actor("email:" + email, email, AuthKind.APPROVAL_CHANNEL, config.rolesOf(email), email);
        }
        String who = email != null ? email : d.externalUserId() != null ? d.externalUserId() : "unknown";
        return new Actor(channel.provider() + ":" + who, email != null ? email : d.personName() == null ? who
                : d.personName(), AuthKind.APPROVAL_CHANNEL, Set.of(), email);
    }

    private static String unknownPerson(ChannelDecision d) {
        if (d.externalUserId() == null) {
            return "nobody can tell who applied the label (the issue history does not say); apply it again";
        }
        if (d.email() == null) {
            return (d.personName() == null ? "the person" : d.personName()) + " has no email Carapulse can match";
        }
        return d.email() + " is not a Carapulse approver (carapulse.approvals.identities does not list it)";
    }
}
