package io.carapulse.core.evidence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * The {@code evidence} row of one step run (S8). Every text field is already redacted. {@code correlationId}
 * is the execution's (null on rows written before correlation ids).
 */
@MappedEntity("evidence")
public record EvidenceEntity(
        @Id String id,
        String executionId,
        String stepRunId,
        String kind,
        String tool,
        String action,
        String transport,
        String commandJson,
        @Nullable Integer exitCode,
        @Nullable Integer httpStatus,
        String outcome,
        Instant startedAt,
        Instant endedAt,
        long durationMs,
        String outputSha256,
        long outputBytes,
        String excerpt,
        boolean excerptTruncated,
        String externalIdsJson,
        @Nullable Instant outputPrunedAt,
        @Nullable String correlationId) {

    /** A row without a correlation id, as evidence was stored before them. */
    public EvidenceEntity(String id, String executionId, String stepRunId, String kind, String tool, String action,
                          String transport, String commandJson, Integer exitCode, Integer httpStatus, String outcome,
                          Instant startedAt, Instant endedAt, long durationMs, String outputSha256, long outputBytes,
                          String excerpt, boolean excerptTruncated, String externalIdsJson, Instant outputPrunedAt) {
        this(id, executionId, stepRunId, kind, tool, action, transport, commandJson, exitCode, httpStatus, outcome,
                startedAt, endedAt, durationMs, outputSha256, outputBytes, excerpt, excerptTruncated, externalIdsJson,
                outputPrunedAt, null);
    }
}
