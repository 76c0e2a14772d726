package io.carapulse.tools.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import io.carapulse.api.redact.Redactor;
import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.argocd.internal.ArgoHttpErrors;
import io.carapulse.tools.argocd.internal.ArgoRestClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one mapping of Argo CD API statuses to exceptions (S9): codes, and retries for reads only. */
class ArgoHttpErrorsTest {

    private static final ToolResult PARTIAL = ArgoRestClient.evidence(
            List.of("GET", "https://argocd.example.com/api/v1/applications/checkout"), 0, "");

    @ParameterizedTest(name = "{0} on a read={1} → {2} (retriable {3})")
    @CsvSource(textBlock = """
            401, true,  unauthenticated, false
            403, true,  forbidden,       false
            404, true,  not_found,       false
            409, false, conflict,        false
            429, true,  rate_limited,    true
            502, true,  unavailable,     true
            503, true,  unavailable,     true
            504, true,  unavailable,     true
            429, false, tool_failed,     false
            503, false, tool_failed,     false
            500, true,  tool_failed,     false
            400, false, tool_failed,     false
            """)
    void shouldMapEachStatusToOneCode(int status, boolean read, String code, boolean retriable) {
        RuntimeException e = ArgoHttpErrors.toException(status, "", read, Redactor.patterns(), PARTIAL);

        if (retriable) {
            assertThat(e).isInstanceOf(RetriableToolException.class);
            assertThat(((RetriableToolException) e).code()).isEqualTo(code);
        } else {
            assertThat(e).isInstanceOf(ToolException.class);
            assertThat(((ToolException) e).code()).isEqualTo(code);
        }
    }

    @Test
    void shouldQuoteTheGatewayMessageRedacted() {
        String body = "{\"error\":\"x\",\"code\":7,\"message\":\"permission denied for token=abcd-secret-1234\"}";

        RuntimeException e = ArgoHttpErrors.toException(403, body, false, Redactor.patterns(), PARTIAL);

        assertThat(e).hasMessageContaining("permission denied").hasMessageNotContaining("abcd-secret-1234");
    }
}
