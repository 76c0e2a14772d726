package io.carapulse.api.dto;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The evidence one step run left (S8). Everything textual is redacted; {@code outputSha256} is the
 * hash of the full redacted output, of which {@code excerpt} is the capped beginning.
 */
public record EvidenceView(
        String id,
        String executionId,
        String stepRunId,
        String kind,
        String tool,
        String action,
        String transport,
        List<String> command,
        Integer exitCode,
        Integer httpStatus,
        String outcome,
        Instant startedAt,
        Instant endedAt,
        long durationMs,
        String outputSha256,
        long outputBytes,
        String excerpt,
        boolean excerptTruncated,
        Map<String, String> externalIds) {
}
