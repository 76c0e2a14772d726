package io.carapulse.core.approval;

/** What a channel's outbox entry asks for. */
public enum OutboxKind {
    /** Announce the request ({@code ApprovalProvider.announce}). */
    ANNOUNCE,
    /** Reflect a change of the approval ({@code ApprovalProvider.update}). */
    UPDATE,
    /** Read the channel for a decision ({@code DecisionSource.read}), after a webhook or a poll. */
    CHECK
}
