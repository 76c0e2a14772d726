package io.carapulse.core.approval;

import io.carapulse.core.auth.Actor;

/**
 * A person's decision on a plan's approval, from whichever channel.
 *
 * @param actor       who decided
 * @param planId      the plan
 * @param approvalId  the approval a channel decision is about (a Linear issue belongs to one approval);
 *                    null for API decisions, which are about the plan's current request
 * @param approving   approve or reject
 * @param note        kept with the decision
 * @param reason      the written reason break-glass approvals need
 * @param fingerprint the fingerprint the person reviewed, if they said
 * @param via         the channel: {@code local}, {@code linear}
 * @param eventKey    the channel's id of this decision (applied at most once); null for API decisions
 */
public record Decision(Actor actor, String planId, String approvalId, boolean approving, String note, String reason,
                       String fingerprint, String via, String eventKey) {
}
