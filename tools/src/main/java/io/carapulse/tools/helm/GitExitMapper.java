package io.carapulse.tools.helm;

import io.carapulse.tools.cli.ExitMapper;
import java.util.Locale;

/**
 * How a failed {@code git clone} of an environment's Helm values repository is named, from what git
 * writes on stderr (it exits 128 for nearly every failure). {@code GitExitMapperTest} holds its table.
 */
public final class GitExitMapper implements ExitMapper {

    @Override
    public String code(int exitCode, String stderr) {
        String s = stderr == null ? "" : stderr.toLowerCase(Locale.ROOT);
        if (s.contains("authentication failed") || s.contains("could not read username")
                || s.contains("terminal prompts disabled") || s.contains("returned error: 401")) {
            return "unauthorized";
        }
        if (s.contains("returned error: 403")) {
            return "forbidden";
        }
        if (s.contains("remote branch") && s.contains("not found") || s.contains("returned error: 404")
                || s.contains("repository") && (s.contains("not found") || s.contains("does not exist"))) {
            return "not_found";
        }
        if (s.contains("could not resolve host") || s.contains("unable to access") || s.contains("connection refused")
                || s.contains("connection timed out")) {
            return "unavailable";
        }
        return "tool_failed";
    }
}
