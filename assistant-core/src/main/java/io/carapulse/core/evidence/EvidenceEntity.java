package io.carapulse.core.evidence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** The {@code evidence} row of one step run (S8). Every text field is already redacted. */
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
        @Nullable Instant outputPrunedAt) {
}
