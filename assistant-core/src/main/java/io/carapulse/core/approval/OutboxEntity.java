package io.carapulse.core.approval;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import java.time.Instant;

/**
 * An {@code approval_outbox} row: one call to make to a channel, written in the transaction of the
 * change it reflects and done in order per channel, with retries, by {@link ChannelDispatcher}.
 *
 * @param leaseUntil while set and in the future, one dispatcher is making this call
 */
@MappedEntity("approval_outbox")
public record OutboxEntity(
        @Id @GeneratedValue @Nullable Long id,
        String channelId,
        OutboxKind kind,
        String payloadJson,
        OutboxStatus status,
        int attempts,
        Instant dueAt,
        @Nullable Instant leaseUntil,
        @Nullable String lastError,
        Instant createdAt,
        @Nullable Instant doneAt,
        @Version Long version) {

    static OutboxEntity pending(String channelId, OutboxKind kind, String payloadJson, Instant now) {
        return new OutboxEntity(null, channelId, kind, payloadJson, OutboxStatus.PENDING, 0, now, null, null, now,
                null, null);
    }

    OutboxEntity leased(Instant until) {
        return new OutboxEntity(id, channelId, kind, payloadJson, status, attempts, dueAt, until, lastError, createdAt,
                doneAt, version);
    }

    OutboxEntity done(Instant at) {
        if (!status.canMoveTo(OutboxStatus.DONE)) {
            throw new IllegalStateException("outbox entry " + id + " is already " + status);
        }
        return new OutboxEntity(id, channelId, kind, payloadJson, OutboxStatus.DONE, attempts + 1, dueAt, null, null,
                createdAt, at, version);
    }

    OutboxEntity failed(String error, Instant retry) {
        return new OutboxEntity(id, channelId, kind, payloadJson, status, attempts + 1, retry, null, error, createdAt,
                null, version);
    }
}
