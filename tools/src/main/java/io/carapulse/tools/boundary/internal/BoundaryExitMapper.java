package io.carapulse.tools.boundary.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.tools.cli.ExitMapper;

/**
 * How a failed {@code boundary} call is named (STYLE 6). The CLI exits 1 for an API error and prints, with
 * {@code -format json}, {@code {"context": …, "status_code": 404, "status": 404, "api_error": {"kind": …,
 * "message": …}}} on stderr: that status and kind are read as the REST path reads them
 * ({@link BoundaryErrors}). Exit 2 is a CLI error (bad flags, no answer from the controller) and 3 a usage
 * error: {@code tool_failed}.
 */
public final class BoundaryExitMapper implements ExitMapper {

    @Override
    public ToolFailure code(int exitCode, String stderr) {
        if (exitCode == 1) {
            JsonNode error = apiError(stderr);
            if (error != null) {
                int status = error.path("status_code").asInt(error.path("status").asInt(0));
                return BoundaryErrors.MAPPER.failure(status, error.path("api_error").path("kind").asText(""));
            }
        }
        return ToolFailure.TOOL_FAILED;
    }

    /** The first line of {@code stderr} that is the CLI's JSON error object, or null. */
    static JsonNode apiError(String stderr) {
        if (stderr == null) {
            return null;
        }
        for (String line : stderr.lines().toList()) {
            String s = line.strip();
            if (s.startsWith("{")) {
                JsonNode node = BoundaryErrors.envelope(s);
                if (node != null && node.has("api_error")) {
                    return node;
                }
            }
        }
        return null;
    }
}
