package io.carapulse.llm.codex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.llm.LlmException;
import io.carapulse.llm.call.CallPolicy;
import io.carapulse.llm.call.RecordingSleeper;
import io.carapulse.llm.call.TestRequests;
import io.carapulse.testkit.llm.FakeModelServer;
import io.carapulse.testkit.llm.ModelReply;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The status table of {@link CodexErrors}, end to end: what each answer becomes, and how often it is tried. */
class CodexStatusMappingTest {

    @ParameterizedTest(name = "HTTP {0} -> {1} after {2} request(s)")
    @CsvSource({
            "400, RequestRejected, 1",
            "401, AuthExpired,     2",
            "403, AuthExpired,     1",
            "404, RequestRejected, 1",
            "408, Unavailable,     2",
            "409, Unavailable,     2",
            "422, RequestRejected, 1",
            "429, Unavailable,     2",
            "500, Unavailable,     2",
            "502, Unavailable,     2",
            "503, Unavailable,     2"})
    void shouldMapEachStatusAndRetryOnlyTheRetriableOnes(int status, String error, int requests) {
        try (FakeModelServer server = FakeModelServer.start()) {
            server.enqueue(ModelReply.error(status, "status " + status), ModelReply.error(status, "status " + status),
                    ModelReply.error(status, "status " + status));
            CodexProvider provider = new CodexProvider(server.codexBaseUrl(), "gpt-5.2-codex",
                    new FakeCredentials(CodexProviderTest.FIRST, CodexProviderTest.SECOND),
                    new CallPolicy(1, Duration.ofMinutes(1), new RecordingSleeper()), Clock.systemUTC());

            assertThatThrownBy(() -> provider.complete(TestRequests.question("?"), null))
                    .isInstanceOf(type(error));
            assertThat(server.requests()).hasSize(requests);
        }
    }

    static Class<?> type(String simpleName) {
        for (Class<?> c : LlmException.class.getClasses()) {
            if (c.getSimpleName().equals(simpleName)) {
                return c;
            }
        }
        throw new IllegalArgumentException(simpleName);
    }
}
