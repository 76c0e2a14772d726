package io.carapulse.tools.kubectl;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class KubectlExitMapperTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Error from server (NotFound): deployments.apps \"web\" not found | not_found",
            "Error from server (Forbidden): deployments.apps \"web\" is forbidden: User \"x\" cannot patch | forbidden",
            "Error from server (Conflict): Operation cannot be fulfilled on deployments.apps \"web\" | conflict",
            "error: the object has been modified; please apply your changes to the latest version | conflict",
            "error: You must be logged in to the server (Unauthorized) | unauthenticated",
            "error: Unauthorized | unauthenticated",
            "Unable to connect to the server: dial tcp 10.0.0.1:6443: i/o timeout | unavailable",
            "error: timed out waiting for the condition | unavailable",
            "error: unknown flag: --bogus | tool_failed",
            "'' | tool_failed"})
    void shouldMapKubectlStderrToACode(String stderr, String code) {
        assertThat(KubectlExitMapper.INSTANCE.code(1, stderr).code()).isEqualTo(code);
    }
}
