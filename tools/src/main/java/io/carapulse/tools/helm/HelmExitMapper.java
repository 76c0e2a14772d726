package io.carapulse.tools.helm;

import io.carapulse.api.tool.ToolFailure;

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
    public ToolFailure code(int exitCode, String stderr) {
        String s = stderr == null ? "" : stderr.toLowerCase(Locale.ROOT);
        // client-go's words for a 401 from the API server; Helm wraps them in "Kubernetes cluster
        // unreachable" (its reachability check), but the cluster answered: it refused the credentials
        if (s.contains("the server has asked for the client to provide credentials")) {
            return ToolFailure.UNAUTHENTICATED;
        }
        if (s.contains("kubernetes cluster unreachable")) {
            return ToolFailure.UNAVAILABLE;
        }
        if (s.contains("another operation (install/upgrade/rollback) is in progress")) {
            return ToolFailure.CONFLICT;
        }
        if (s.contains("timed out waiting for the condition")) {
            return ToolFailure.TIMED_OUT;
        }
        if (s.contains("401 unauthorized") || s.contains("status code 401")) {
            return ToolFailure.UNAUTHENTICATED;
        }
        if (s.contains("forbidden")) {
            return ToolFailure.FORBIDDEN;
        }
        if (s.contains("release: not found") || s.contains("has no deployed releases") || s.contains("404 not found")
                || s.contains("status code 404") || (s.contains("oci://") && s.contains(": not found"))
                || (s.contains("chart \"") && s.contains(" not found in "))) {
            return ToolFailure.NOT_FOUND;
        }
        if (s.contains("no such host") || s.contains("connection refused") || s.contains("i/o timeout")) {
            return ToolFailure.UNAVAILABLE;
        }
        return ToolFailure.TOOL_FAILED;
    }
}
