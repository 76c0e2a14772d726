package io.carapulse.tools.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.api.tool.ToolFailure;
import io.carapulse.tools.boundary.internal.BoundaryErrors;
import io.carapulse.tools.boundary.internal.BoundaryExitMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** STYLE 6: how Boundary's statuses, envelope kinds and CLI exits read, as one table each. */
class BoundaryMappersTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "0, '', UNAVAILABLE",
            "400, InvalidArgument, INVALID_ARGUMENTS",
            "400, FailedPrecondition, CONFLICT",
            "401, Unauthenticated, UNAUTHENTICATED",
            "403, PermissionDenied, FORBIDDEN",
            "404, NotFound, NOT_FOUND",
            "405, Unimplemented, TOOL_FAILED",
            "409, '', CONFLICT",
            "429, '', RATE_LIMITED",
            "500, Internal, UNAVAILABLE",
            "504, DeadlineExceeded, UNAVAILABLE"})
    void shouldReadAStatusAndKind(int status, String kind, ToolFailure expected) {
        assertThat(BoundaryErrors.MAPPER.failure(status, kind)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "exit {0} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "1|{\"context\":\"Error from controller when performing read on role\",\"status_code\":404,\"status\":404,\"api_error\":{\"kind\":\"NotFound\",\"message\":\"Resource not found.\"}}|NOT_FOUND",
            "1|Direct usage of BOUNDARY_TOKEN env var is deprecated\\n{\"status_code\":400,\"api_error\":{\"kind\":\"FailedPrecondition\",\"message\":\"version mismatch\"}}|CONFLICT",
            "1|{\"status_code\":403,\"status\":403,\"api_error\":{\"kind\":\"PermissionDenied\",\"message\":\"Forbidden.\"}}|FORBIDDEN",
            "1|Error from controller when performing read on role: not json|TOOL_FAILED",
            "2|{\"error\":\"Error trying to perform request: dial tcp: connection refused\"}|TOOL_FAILED",
            "3|Usage: boundary roles add-principals [options] [args]|TOOL_FAILED"})
    void shouldReadACliExit(int exit, String stderr, ToolFailure expected) {
        assertThat(new BoundaryExitMapper().code(exit, stderr.replace("\\n", "\n"))).isEqualTo(expected);
    }
}
