package io.carapulse.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The evidence one step run left (S8). Everything textual is redacted; {@code outputSha256} is the
 * hash of the full redacted output, of which {@code excerpt} is the capped beginning. {@code followUps}
 * are what the tool asked to look for after the step ended, with what was found so far; left out when
 * the step asked for none. {@code outputPruned} says when retention removed the excerpt (then empty);
 * {@code outputSha256} and {@code outputBytes} stay, so the evidence still says what the output was.
 * {@code correlationId} is the id of the request that started the execution (its W3C trace id or
 * {@code X-Request-Id}), or a generated one; left out on evidence recorded before correlation ids.
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
        Map<String, String> externalIds,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<FollowUpView> followUps,
        @JsonInclude(JsonInclude.Include.NON_NULL) PrunedView outputPruned,
        @JsonInclude(JsonInclude.Include.NON_NULL) String correlationId) {

    /** Evidence without follow-ups. */
    public EvidenceView(String id, String executionId, String stepRunId, String kind, String tool, String action,
                        String transport, List<String> command, Integer exitCode, Integer httpStatus, String outcome,
                        Instant startedAt, Instant endedAt, long durationMs, String outputSha256, long outputBytes,
                        String excerpt, boolean excerptTruncated, Map<String, String> externalIds) {
        this(id, executionId, stepRunId, kind, tool, action, transport, command, exitCode, httpStatus, outcome,
                startedAt, endedAt, durationMs, outputSha256, outputBytes, excerpt, excerptTruncated, externalIds, null, null,
                null);
    }
}
