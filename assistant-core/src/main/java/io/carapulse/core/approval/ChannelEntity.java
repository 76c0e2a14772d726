package io.carapulse.core.approval;

import io.carapulse.api.approval.ChannelRecord;
import io.carapulse.core.common.Json;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import java.time.Instant;
import java.util.Map;

/**
 * An {@code approval_channel} row: one approval as one provider shows it (a Linear issue, a PagerDuty
 * incident), with the evidence the channel gave and the state of the last attempt to reach it.
 *
 * @param channelKey the idempotency key of the announcement, chosen before the first attempt
 * @param lastError  why the last call to the channel failed; null once a call succeeds
 * @param failures   calls failed in a row
 * @param retryAt    when the failed call is made again
 */
@MappedEntity("approval_channel")
public record ChannelEntity(
        @Id String id,
        String approvalId,
        String provider,
        ChannelStatus status,
        String channelKey,
        @Nullable String externalId,
        @Nullable String displayId,
        @Nullable String url,
        String evidenceJson,
        @Nullable String lastError,
        int failures,
        @Nullable Instant retryAt,
        boolean executionNotified,
        Instant createdAt,
        Instant updatedAt,
        @Version Long version) {

    /** The provider's view of this channel; null before the announcement succeeded. */
    public ChannelRecord record() {
        if (externalId == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> evidence = Json.read(evidenceJson, Map.class);
        return new ChannelRecord(provider, externalId, displayId, url, evidence);
    }

    /** The channel after a successful call that returned {@code r}. */
    public ChannelEntity reached(ChannelRecord r, Instant at) {
        ChannelStatus to = status == ChannelStatus.OPEN ? status : next(ChannelStatus.OPEN);
        return new ChannelEntity(id, approvalId, provider, to, channelKey, r.externalId(), r.displayId(), r.url(),
                Json.write(r.evidence()), null, 0, null, executionNotified, createdAt, at, version);
    }

    private ChannelStatus next(ChannelStatus to) {
        if (!status.canMoveTo(to)) {
            throw new IllegalStateException("channel " + id + " is " + status + " and cannot become " + to);
        }
        return to;
    }

    /** The channel after a failed call, to be tried again at {@code retry}. */
    public ChannelEntity failed(String error, Instant retry, Instant at) {
        return new ChannelEntity(id, approvalId, provider, status, channelKey, externalId, displayId, url, evidenceJson,
                error, failures + 1, retry, executionNotified, createdAt, at, version);
    }

    /** The channel with more evidence read from it (e.g. the label history). */
    public ChannelEntity withEvidence(Map<String, Object> more, Instant at) {
        @SuppressWarnings("unchecked")
        Map<String, Object> merged = new java.util.LinkedHashMap<>(Json.read(evidenceJson, Map.class));
        merged.putAll(more);
        return new ChannelEntity(id, approvalId, provider, status, channelKey, externalId, displayId, url,
                Json.write(merged), lastError, failures, retryAt, executionNotified, createdAt, at, version);
    }

    /** The channel once the end of the execution its approval authorised has been queued for it. */
    public ChannelEntity executionNoted(Instant at) {
        return new ChannelEntity(id, approvalId, provider, status, channelKey, externalId, displayId, url, evidenceJson,
                lastError, failures, retryAt, true, createdAt, at, version);
    }
}
