package io.carapulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.api.error.ProblemCode;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The exit-code contract: one class per problem code, distinct numbers, never renumbered. */
class ExitCodeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "unauthenticated, UNAUTHENTICATED", "forbidden, FORBIDDEN", "self_approval_forbidden, FORBIDDEN",
            "break_glass_required, FORBIDDEN", "not_found, NOT_FOUND", "validation_failed, INVALID",
            "malformed_request, INVALID", "invalid_cursor, INVALID", "unknown_tool, INVALID", "unknown_action, INVALID",
            "target_not_allowed, INVALID", "environment_not_allowed, INVALID", "payload_too_large, INVALID",
            "secret_in_arguments, INVALID", "too_many_write_steps, INVALID",
            "approval_required, APPROVAL_REQUIRED", "approval_expired, APPROVAL_REQUIRED",
            "approval_rejected, APPROVAL_REJECTED", "approval_not_pending, CONFLICT", "fingerprint_mismatch, CONFLICT",
            "execution_in_progress, CONFLICT", "invalid_state, CONFLICT", "unavailable, UNREACHABLE",
            "llm_not_configured, LLM_UNAVAILABLE", "llm_auth_expired, LLM_UNAVAILABLE", "session_busy, CONFLICT",
            "audit_signing_off, CONFLICT", "outside_maintenance_window, CONFLICT", "change_freeze, CONFLICT",
            "too_many_running_writes, CONFLICT",
            "internal_error, ERROR"})
    void shouldMapEachProblemCodeToItsClass(String code, ExitCode expected) {
        int status = ProblemCode.fromCode(code).orElseThrow().status();
        assertThat(ExitCode.forProblem(code, status)).isEqualTo(expected);
    }

    @Test
    void shouldMapEveryProblemCodeTheApiKnows() {
        for (ProblemCode p : ProblemCode.values()) {
            assertThat(ExitCode.forProblem(p.code(), p.status())).as(p.code()).isNotNull();
        }
    }

    @Test
    void shouldFallBackToTheStatusForACodeItDoesNotKnow() {
        assertThat(ExitCode.forProblem("http_404", 404)).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(ExitCode.forProblem("some_new_code", 409)).isEqualTo(ExitCode.CONFLICT);
        assertThat(ExitCode.forProblem("http_502", 502)).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(ExitCode.forProblem("teapot", 418)).isEqualTo(ExitCode.ERROR);
    }

    @Test
    void shouldKeepTheDocumentedNumbers() {
        Map<ExitCode, Integer> documented = Map.ofEntries(Map.entry(ExitCode.OK, 0), Map.entry(ExitCode.ERROR, 1),
                Map.entry(ExitCode.USAGE, 2), Map.entry(ExitCode.NOT_FOUND, 3), Map.entry(ExitCode.UNAUTHENTICATED, 4),
                Map.entry(ExitCode.FORBIDDEN, 5), Map.entry(ExitCode.INVALID, 6), Map.entry(ExitCode.CONFLICT, 7),
                Map.entry(ExitCode.APPROVAL_REQUIRED, 8), Map.entry(ExitCode.APPROVAL_REJECTED, 9),
                Map.entry(ExitCode.EXECUTION_FAILED, 10), Map.entry(ExitCode.EXECUTION_HELD, 11),
                Map.entry(ExitCode.CHECK_FAILED, 12), Map.entry(ExitCode.UNREACHABLE, 13),
                Map.entry(ExitCode.LLM_UNAVAILABLE, 14));
        assertThat(documented).hasSize(ExitCode.values().length);
        documented.forEach((c, n) -> assertThat(c.code()).as(c.name()).isEqualTo(n));
        assertThat(Arrays.stream(ExitCode.values()).map(ExitCode::code).distinct()).hasSize(ExitCode.values().length);
    }
}
