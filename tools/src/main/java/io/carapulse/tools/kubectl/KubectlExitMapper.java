package io.carapulse.tools.kubectl;

import io.carapulse.api.tool.ToolFailure;

import io.carapulse.tools.cli.ExitMapper;

/**
 * How a failed kubectl call is named, from its (redacted) stderr: the one exit mapper of the kubectl
 * integration (STYLE 6), proven by {@code KubectlExitMapperTest}.
 */
public final class KubectlExitMapper implements ExitMapper {

    public static final KubectlExitMapper INSTANCE = new KubectlExitMapper();

    private KubectlExitMapper() {
    }

    @Override
    public ToolFailure code(int exitCode, String stderr) {
        String s = stderr == null ? "" : stderr;
        if (s.contains("(NotFound)")) {
            return ToolFailure.NOT_FOUND;
        }
        if (s.contains("(Forbidden)")) {
            return ToolFailure.FORBIDDEN;
        }
        if (s.contains("(Conflict)") || s.contains("the object has been modified")) {
            return ToolFailure.CONFLICT;
        }
        if (s.contains("Unauthorized") || s.contains("You must be logged in")) {
            return ToolFailure.UNAUTHENTICATED;
        }
        if (s.contains("Unable to connect to the server") || s.contains("timed out")
                || s.contains("(Timeout)") || s.contains("(ServiceUnavailable)") || s.contains("i/o timeout")) {
            return ToolFailure.UNAVAILABLE;
        }
        return ToolFailure.TOOL_FAILED;
    }
}
