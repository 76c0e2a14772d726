package io.carapulse.core.evidence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import java.time.Instant;

/**
 * The {@code evidence_follow_up} row: one follow-up a tool asked for with a step's evidence, and the
 * addendum it has produced so far. Every text field is already redacted.
 *
 * @param ordinal         its place among the follow-ups of the same evidence
 * @param paramsJson      what to look for (redacted), handed to the follow-up as stored
 * @param giveUpAt        past this, a follow-up that has not found anything is recorded as not found
 * @param nextAttemptAt   the earliest time of the next attempt while pending (the backoff); null once ended
 * @param lastAttemptAt   when it was last looked for; null before the first attempt
 * @param externalIdsJson the provider's ids found; {@code {}} until found
 * @param summary         what the last attempt said
 */
@MappedEntity("evidence_follow_up")
public record FollowUpEntity(
        @Id String id,
        String evidenceId,
        String executionId,
        String environment,
        int ordinal,
        String kind,
        String paramsJson,
        FollowUpStatus status,
        int attempts,
        Instant createdAt,
        Instant giveUpAt,
        @Nullable Instant nextAttemptAt,
        @Nullable Instant lastAttemptAt,
        Instant updatedAt,
        String externalIdsJson,
        @Nullable String summary,
        @Version Long version) {

    /** After one more attempt: {@code to}, with what it found and said, and when to look again (pending). */
    FollowUpEntity attempted(FollowUpStatus to, Instant at, Instant next, String foundIdsJson, String said) {
        if (!status.canMoveTo(to)) {
            throw new IllegalStateException("follow-up " + id + " is " + status + " and cannot become " + to);
        }
        return new FollowUpEntity(id, evidenceId, executionId, environment, ordinal, kind, paramsJson, to,
                attempts + 1, createdAt, giveUpAt, to.terminal() ? null : next, at, at, foundIdsJson, said, version);
    }
}
