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
        "Error: Kubernetes cluster unreachable: the server has asked for the client to provide credentials | unauthenticated",
        "Error: Kubernetes cluster unreachable: Get \"https://10.0.0.1:6443/version\": dial tcp 10.0.0.1:6443: i/o timeout | unavailable",
        "Error: INSTALLATION FAILED: chart \"web\" version \"9.9.9\" not found in https://charts.example.com | not_found",
        "Error: INSTALLATION FAILED: chart \"nope\" not found in bitnami index: no chart name found | not_found",
        "...Unable to get an update from the \"internal\" chart repository (https://charts.example.com): failed to fetch https://charts.example.com/index.yaml : 401 Unauthorized | unauthenticated",
        "Error: INSTALLATION FAILED: failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://registry.example.com/token: 401 Unauthorized | unauthenticated",
        "Error: INSTALLATION FAILED: GET \"https://registry.example.com/v2/charts/web/manifests/1.2.4\": response status code 401: unauthorized: authentication required | unauthenticated",
        "...Unable to get an update from the \"internal\" chart repository (https://charts.example.com): failed to fetch https://charts.example.com/index.yaml : 403 Forbidden | forbidden",
        "...Unable to get an update from the \"internal\" chart repository (https://charts.example.com): failed to fetch https://charts.example.com/index.yaml : 404 Not Found | not_found",
        "Error: INSTALLATION FAILED: oci://registry.example.com/charts/web:9.9.9: not found | not_found",
        "...Unable to get an update from the \"internal\" chart repository (https://charts.example.com): Get \"https://charts.example.com/index.yaml\": dial tcp: lookup charts.example.com: no such host | unavailable",
        "Error: INSTALLATION FAILED: Get \"https://registry.example.com/v2/\": dial tcp 10.0.0.9:443: connect: connection refused | unavailable",
        "'' | tool_failed"
    })
    void shouldNameHelmFailuresFromTheirStderr(String stderr, String code) {
        assertThat(new HelmExitMapper().code(1, stderr).code()).isEqualTo(code);
    }
}
