package io.carapulse.tools.cli;

import io.carapulse.api.tool.ToolFailure;

/**
 * How one integration reads a failed CLI call: its exit code and (redacted) stderr to a stable error
 * code such as {@code not_found}, {@code forbidden}, {@code conflict}. One per integration, proven by
 * a table test (STYLE 6).
 */
@FunctionalInterface
public interface ExitMapper {

    /** The error code for a non-zero exit. */
    ToolFailure code(int exitCode, String stderr);

    /** Every failure is {@code tool_failed}. */
    static ExitMapper plain() {
        return (exitCode, stderr) -> ToolFailure.TOOL_FAILED;
    }
}
