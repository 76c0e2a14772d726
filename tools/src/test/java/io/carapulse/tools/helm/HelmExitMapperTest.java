package io.carapulse.tools.helm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HelmExitMapperTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "Error: release: not found | not_found",
        "Error: UPGRADE FAILED: \"web\" has no deployed releases | not_found",
        "Error: UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress | conflict",
        "Error: secrets is forbidden: User \"system:serviceaccount:ops:carapulse\" cannot list resource \"secrets\" | forbidden",
        "Error: UPGRADE FAILED: release web failed, and has been rolled back due to atomic being set: timed out waiting for the condition | timed_out",
        "Error: Kubernetes cluster unreachable: Get \"https://10.0.0.1:6443/version\": dial tcp 10.0.0.1:6443: i/o timeout | unavailable",
        "Error: INSTALLATION FAILED: chart \"web\" version \"9.9.9\" not found in https://charts.example.com | tool_failed",
        "'' | tool_failed"
    })
    void shouldNameHelmFailuresFromTheirStderr(String stderr, String code) {
        assertThat(new HelmExitMapper().code(1, stderr)).isEqualTo(code);
    }
}
