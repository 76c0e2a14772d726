package io.carapulse.tools.kubectl;

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
    public String code(int exitCode, String stderr) {
        String s = stderr == null ? "" : stderr;
        if (s.contains("(NotFound)")) {
            return "not_found";
        }
        if (s.contains("(Forbidden)")) {
            return "forbidden";
        }
        if (s.contains("(Conflict)") || s.contains("the object has been modified")) {
            return "conflict";
        }
        if (s.contains("Unauthorized") || s.contains("You must be logged in")) {
            return "unauthenticated";
        }
        if (s.contains("Unable to connect to the server") || s.contains("timed out")
                || s.contains("(Timeout)") || s.contains("(ServiceUnavailable)") || s.contains("i/o timeout")) {
            return "unavailable";
        }
        return "tool_failed";
    }
}
