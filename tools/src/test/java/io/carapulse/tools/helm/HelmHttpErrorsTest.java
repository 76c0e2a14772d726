package io.carapulse.tools.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.api.tool.ToolException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HelmHttpErrorsTest {

    @ParameterizedTest(name = "HTTP {0} -> {1}, retriable {2}")
    @CsvSource({
        "401, unauthenticated, false",
        "403, forbidden, false",
        "404, not_found, false",
        "409, conflict, false",
        "422, tool_failed, false",
        "429, rate_limited, true",
        "500, unavailable, true",
        "503, unavailable, true",
        "0, unavailable, true"
    })
    void shouldMapKubernetesApiStatusesOnce(int status, String code, boolean retriable) {
        RuntimeException e = HelmHttpErrors.map(new KubernetesClientException("failure", status, null),
                "GET", "https://api/api/v1/namespaces/shop/secrets", "reading failed");

        assertThat(e).isInstanceOf(retriable ? RetriableToolException.class : ToolException.class);
        String actual = e instanceof ToolException t ? t.code() : ((RetriableToolException) e).code();
        assertThat(actual).isEqualTo(code);
    }
}
