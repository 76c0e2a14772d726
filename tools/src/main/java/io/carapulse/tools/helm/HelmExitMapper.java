package io.carapulse.tools.helm;

import io.carapulse.tools.cli.ExitMapper;
import java.util.Locale;

/**
 * How a failed {@code helm} call is named, from what Helm 3 writes on stderr (its exit code is 1 for
 * nearly everything, so only the message tells failures apart), or on stdout for the chart
 * repository fetch ({@code helm repo update}), which reports its failures there. The one exit mapper of the Helm
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
        if (s.contains("401 unauthorized") || s.contains("status code 401")) {
            return "unauthorized";
        }
        if (s.contains("forbidden")) {
            return "forbidden";
        }
        if (s.contains("release: not found") || s.contains("has no deployed releases") || s.contains("404 not found")
                || s.contains("status code 404") || (s.contains("oci://") && s.contains(": not found"))
                || (s.contains("chart \"") && s.contains(" not found in "))) {
            return "not_found";
        }
        if (s.contains("no such host") || s.contains("connection refused") || s.contains("i/o timeout")) {
            return "unavailable";
        }
        return "tool_failed";
    }
}
