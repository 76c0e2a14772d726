package io.carapulse.tools.helm;

import io.carapulse.tools.cli.ExitMapper;
import java.util.Locale;

/**
 * How a failed {@code helm} call is named, from what Helm 3 writes on stderr (its exit code is 1 for
 * nearly everything, so only the message tells failures apart). The one exit mapper of the Helm
 * integration; {@code HelmExitMapperTest} holds its table.
 */
public final class HelmExitMapper implements ExitMapper {

    @Override
    public String code(int exitCode, String stderr) {
        String s = stderr == null ? "" : stderr.toLowerCase(Locale.ROOT);
        if (s.contains("kubernetes cluster unreachable")) {
            return "unavailable";
        }
        if (s.contains("another operation (install/upgrade/rollback) is in progress")) {
            return "conflict";
        }
        if (s.contains("timed out waiting for the condition")) {
            return "timed_out";
        }
        if (s.contains("forbidden")) {
            return "forbidden";
        }
        if (s.contains("release: not found") || s.contains("has no deployed releases")) {
            return "not_found";
        }
        return "tool_failed";
    }
}
