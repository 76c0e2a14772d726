package io.carapulse.api.approval;

import java.net.URI;

/**
 * A change of an approval that its channels should reflect. {@link #updateId()} is a UUID (v4) chosen
 * once when the change is recorded: the idempotency key of {@link ApprovalProvider#update}.
 */
public sealed interface ChannelUpdate {

    String updateId();

    /**
     * The approval was decided.
     *
     * @param approved  approved or rejected
     * @param decidedBy who decided (email or token name)
     * @param via       the channel the decision came through ({@code local}, {@code linear})
     * @param note      the decider's note, if any
     */
    record Decided(String updateId, boolean approved, String decidedBy, String via, String note)
            implements ChannelUpdate {
    }

    /**
     * A decision arrived through this channel and was refused; the request stays pending.
     *
     * @param reason why, in words for the person who tried
     */
    record Refused(String updateId, String reason) implements ChannelUpdate {
    }

    /** The request expired without a decision, or its approval expired unused. */
    record Expired(String updateId) implements ChannelUpdate {
    }

    /**
     * The approval no longer applies: the plan's steps changed (a new request follows) or the plan was
     * cancelled.
     */
    record Superseded(String updateId, String why) implements ChannelUpdate {
    }

    /**
     * The execution the approval authorised ended.
     *
     * @param status      {@code SUCCEEDED}, {@code FAILED}, {@code ROLLED_BACK}, {@code CANCELLED}
     * @param evidenceUrl where its evidence is read, if the server knows its public address
     * @param detail      the execution's error detail, if it failed (redacted)
     */
    record ExecutionEnded(String updateId, String executionId, String status, URI evidenceUrl, String detail)
            implements ChannelUpdate {
    }
}
