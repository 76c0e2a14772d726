package io.carapulse.core.approval;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import java.time.Instant;

/**
 * The {@code approval} row: one request bound to one fingerprint (S2). {@code requestedByName} is for
 * people to read; {@code requestedByEmail}, the requester's verified email when they had one, is what
 * separation of duties compares with a decider from another channel.
 */
@MappedEntity("approval")
public record ApprovalEntity(
        @Id String id,
        String planId,
        String environment,
        String fingerprint,
        String providers,
        ApprovalStatus status,
        String requestedBy,
        Instant requestedAt,
        Instant expiresAt,
        @Nullable String decidedBy,
        @Nullable Instant decidedAt,
        @Nullable String note,
        @Nullable String breakGlassReason,
        @Nullable String consumedByExecution,
        @Nullable Instant consumedAt,
        @Nullable String requestedByName,
        @Nullable String decidedVia,
        @Nullable String requestedByEmail,
        @Version Long version) {

    /** A row as the spine wrote it, without the requester's name and email and the deciding channel. */
    public ApprovalEntity(String id, String planId, String environment, String fingerprint, String providers,
                          ApprovalStatus status, String requestedBy, Instant requestedAt, Instant expiresAt,
                          String decidedBy, Instant decidedAt, String note, String breakGlassReason,
                          String consumedByExecution, Instant consumedAt, Long version) {
        this(id, planId, environment, fingerprint, providers, status, requestedBy, requestedAt, expiresAt, decidedBy,
                decidedAt, note, breakGlassReason, consumedByExecution, consumedAt, null, null, null, version);
    }

    public ApprovalEntity decided(ApprovalStatus to, String by, Instant at, String newNote, String reason) {
        return decided(to, by, at, newNote, reason, "local");
    }

    /** Decided through {@code via} (local, linear). */
    public ApprovalEntity decided(ApprovalStatus to, String by, Instant at, String newNote, String reason, String via) {
        return new ApprovalEntity(id, planId, environment, fingerprint, providers, to, requestedBy, requestedAt,
                expiresAt, by, at, newNote, reason, consumedByExecution, consumedAt, requestedByName, via,
                requestedByEmail, version);
    }

    public ApprovalEntity moved(ApprovalStatus to) {
        return new ApprovalEntity(id, planId, environment, fingerprint, providers, to, requestedBy, requestedAt,
                expiresAt, decidedBy, decidedAt, note, breakGlassReason, consumedByExecution, consumedAt,
                requestedByName, decidedVia, requestedByEmail, version);
    }

    public ApprovalEntity consumed(String executionId, Instant at) {
        return new ApprovalEntity(id, planId, environment, fingerprint, providers, ApprovalStatus.CONSUMED, requestedBy,
                requestedAt, expiresAt, decidedBy, decidedAt, note, breakGlassReason, executionId, at, requestedByName,
                decidedVia, requestedByEmail, version);
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
