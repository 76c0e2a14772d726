package io.carapulse.api.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
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
 */
public record ToolResult(
        Transport transport,
        List<String> command,
        Integer exitCode,
        Integer httpStatus,
        String output,
        JsonNode data,
        Map<String, String> externalIds) {

    public ToolResult {
        Objects.requireNonNull(transport, "transport");
        command = List.copyOf(command);
        output = output == null ? "" : output;
        data = data == null ? NullNode.getInstance() : data;
        externalIds = Map.copyOf(externalIds);
    }
}
