package io.carapulse.tools.argocd.internal;

import io.carapulse.api.tool.ToolFailure;

import io.carapulse.tools.cli.ExitMapper;
import java.util.Locale;

/**
 * How a failed {@code argocd} call is named (STYLE 6). The CLI exits 20 for nearly every error and
 * prints the gRPC status in its message, so the code comes from the (redacted) stderr.
 */
public final class ArgoExitMapper implements ExitMapper {

    @Override
    public ToolFailure code(int exitCode, String stderr) {
        String s = stderr == null ? "" : stderr;
        String lower = s.toLowerCase(Locale.ROOT);
        if (s.contains("PermissionDenied") || lower.contains("permission denied")) {
            return ToolFailure.FORBIDDEN;
        }
        if (s.contains("Unauthenticated") || lower.contains("token is expired")) {
            return ToolFailure.UNAUTHENTICATED;
        }
        if (s.contains("NotFound") || lower.contains("not found")) {
            return ToolFailure.NOT_FOUND;
        }
        if (lower.contains("timed out waiting")) {
            return ToolFailure.TIMED_OUT;
        }
        if (s.contains("FailedPrecondition") || lower.contains("another operation is already in progress")) {
            return ToolFailure.CONFLICT;
        }
        return ToolFailure.TOOL_FAILED;
    }
}
