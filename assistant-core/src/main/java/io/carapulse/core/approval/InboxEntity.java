package io.carapulse.core.approval;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * An {@code approval_inbox} row: a decision read from a channel, keyed by the channel's own event id
 * (unique per provider), written in the transaction that applied, refused or ignored it. A decision
 * whose key is here is never looked at again.
 */
@MappedEntity("approval_inbox")
public record InboxEntity(
        @Id @GeneratedValue @Nullable Long id,
        String provider,
        String eventKey,
        String approvalId,
        Outcome outcome,
        @Nullable String detail,
        Instant receivedAt) {

    /** What became of the decision. */
    public enum Outcome {
        /** It decided the approval. */
        APPLIED,
        /** It failed the checks (role, self-approval, on-call, unknown person); the channel was told why. */
        REFUSED,
        /** The approval was already decided, expired or superseded; audited, nothing else. */
        IGNORED
    }
}
