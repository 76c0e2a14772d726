package io.carapulse.api.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.carapulse.api.evidence.FollowUpRequest;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a finished call returns. The core turns it into evidence (S8): it hashes {@code output},
 * stores a capped redacted excerpt, and keeps {@code externalIds}.
 *
 * @param transport   the transport actually used
 * @param command     the argv as a list (CLI) or {@code [METHOD, URL]} (HTTP); the core redacts it
 *                    before storing
 * @param exitCode    the process exit code, or {@code null} for HTTP
 * @param httpStatus  the final HTTP status, or {@code null} for CLI
 * @param output      the full textual output (stdout for CLI, body for HTTP)
 * @param data        structured result used by verify assertions (may be {@link NullNode})
 * @param externalIds the provider's identifiers (resourceVersion, sync id, CloudTrail event id ...)
 * @param digest      when {@code output} is only the capped beginning of what the tool printed, the
 *                    digest of all of it (the process runner computes it while streaming); {@code null}
 *                    when {@code output} is complete
 * @param followUps   what the provider records only later and the runtime should look for after the
 *                    step ended (a CloudTrail event): stored with the evidence, completed as an addendum;
 *                    empty for most calls. Add them with {@link #withFollowUps}
 */
public record ToolResult(
        Transport transport,
        List<String> command,
        Integer exitCode,
        Integer httpStatus,
        String output,
        JsonNode data,
        Map<String, String> externalIds,
        OutputDigest digest,
        List<FollowUpRequest> followUps) {

    public ToolResult {
        Objects.requireNonNull(transport, "transport");
        command = List.copyOf(command);
        output = output == null ? "" : output;
        data = data == null ? NullNode.getInstance() : data;
        externalIds = Map.copyOf(externalIds);
        followUps = followUps == null ? List.of() : List.copyOf(followUps);
    }

    /** A result without follow-ups. */
    public ToolResult(Transport transport, List<String> command, Integer exitCode, Integer httpStatus, String output,
                      JsonNode data, Map<String, String> externalIds, OutputDigest digest) {
        this(transport, command, exitCode, httpStatus, output, data, externalIds, digest, List.of());
    }

    /** A result whose {@code output} is complete. */
    public ToolResult(Transport transport, List<String> command, Integer exitCode, Integer httpStatus, String output,
                      JsonNode data, Map<String, String> externalIds) {
        this(transport, command, exitCode, httpStatus, output, data, externalIds, null, List.of());
    }

    /** This result with {@code requests} as its follow-ups (replacing any it had). */
    public ToolResult withFollowUps(List<FollowUpRequest> requests) {
        return new ToolResult(transport, command, exitCode, httpStatus, output, data, externalIds, digest, requests);
    }

    /**
     * The whole (redacted) output's hash and size, for output stored capped (S8).
     *
     * @param sha256    hex sha256 of all of the redacted output
     * @param bytes     its total size in bytes
     * @param truncated whether the result's {@code output} holds less than that
     */
    public record OutputDigest(String sha256, long bytes, boolean truncated) {

        public OutputDigest {
            Objects.requireNonNull(sha256, "sha256");
        }
    }
}
