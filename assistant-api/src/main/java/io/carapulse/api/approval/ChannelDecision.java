package io.carapulse.api.approval;

import java.time.Instant;
import java.util.Objects;

/**
 * A decision as a channel shows it, attributed from the channel's own history.
 *
 * @param eventKey       unique per decision in the channel (the Linear history entry id): the same
 *                       decision seen twice, by webhook and by poll, has the same key
 * @param outcome        what it says
 * @param email          the email of the person who made it, if the channel knows one
 * @param personName     their name in the channel, for messages
 * @param externalUserId their id in the channel
 * @param at             when they made it
 * @param reason         text they wrote with it (their latest comment before the decision), if any
 */
public record ChannelDecision(String eventKey, Outcome outcome, String email, String personName,
                              String externalUserId, Instant at, String reason) {

    public ChannelDecision {
        Objects.requireNonNull(eventKey, "eventKey");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** What a decision says. */
    public enum Outcome {
        APPROVE,
        REJECT,
        /** The channel shows both answers at once; nobody can tell which was meant. */
        AMBIGUOUS
    }
}
