package io.carapulse.tools.helm;

import io.carapulse.api.tool.ToolFailure;

import io.carapulse.tools.cli.ExitMapper;
import java.util.Locale;

/**
 * How a failed {@code git clone} of an environment's Helm values repository is named, from what git
 * writes on stderr (it exits 128 for nearly every failure). {@code GitExitMapperTest} holds its table.
 */
public final class GitExitMapper implements ExitMapper {

    @Override
    public ToolFailure code(int exitCode, String stderr) {
        String s = stderr == null ? "" : stderr.toLowerCase(Locale.ROOT);
        if (s.contains("authentication failed") || s.contains("could not read username")
                || s.contains("terminal prompts disabled") || s.contains("returned error: 401")) {
            return ToolFailure.UNAUTHENTICATED;
        }
        if (s.contains("returned error: 403")) {
            return ToolFailure.FORBIDDEN;
        }
        if (s.contains("remote branch") && s.contains("not found") || s.contains("returned error: 404")
                || s.contains("repository") && (s.contains("not found") || s.contains("does not exist"))) {
            return ToolFailure.NOT_FOUND;
        }
        if (s.contains("could not resolve host") || s.contains("unable to access") || s.contains("connection refused")
                || s.contains("connection timed out")) {
            return ToolFailure.UNAVAILABLE;
        }
        return ToolFailure.TOOL_FAILED;
    }
}
