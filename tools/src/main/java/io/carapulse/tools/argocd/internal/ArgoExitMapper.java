package io.carapulse.tools.argocd.internal;

import io.carapulse.tools.cli.ExitMapper;
import java.util.Locale;

/**
 * How a failed {@code argocd} call is named (STYLE 6). The CLI exits 20 for nearly every error and
 * prints the gRPC status in its message, so the code comes from the (redacted) stderr.
 */
public final class ArgoExitMapper implements ExitMapper {

    @Override
    public String code(int exitCode, String stderr) {
        String s = stderr == null ? "" : stderr;
        String lower = s.toLowerCase(Locale.ROOT);
        if (s.contains("PermissionDenied") || lower.contains("permission denied")) {
            return "forbidden";
        }
        if (s.contains("Unauthenticated") || lower.contains("token is expired")) {
            return "unauthenticated";
        }
        if (s.contains("NotFound") || lower.contains("not found")) {
            return "not_found";
        }
        if (lower.contains("timed out waiting")) {
            return "timed_out";
        }
        if (s.contains("FailedPrecondition") || lower.contains("another operation is already in progress")) {
            return "conflict";
        }
        return "tool_failed";
    }
}
