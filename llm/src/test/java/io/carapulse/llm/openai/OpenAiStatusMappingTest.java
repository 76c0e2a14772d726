package io.carapulse.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carapulse.api.llm.LlmException;
import io.carapulse.llm.call.CallPolicy;
import io.carapulse.llm.call.RecordingSleeper;
import io.carapulse.llm.call.TestRequests;
import io.carapulse.testkit.llm.FakeModelServer;
import io.carapulse.testkit.llm.ModelReply;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The status table of {@link OpenAiErrors}, end to end: what each answer becomes, and how often it is tried. */
class OpenAiStatusMappingTest {

    private static OpenAiProvider provider(String baseUrl) {
        return new OpenAiProvider(baseUrl, "m", new ApiKey(Map.of(ApiKey.ENV, "sk-test-table")::get, null),
                new CallPolicy(1, Duration.ofMinutes(1), new RecordingSleeper()), Clock.systemUTC());
    }

    @ParameterizedTest(name = "HTTP {0} -> {1} after {2} request(s)")
    @CsvSource({
            "400, RequestRejected, 1",
            "401, AuthExpired,     1",
            "403, AuthExpired,     1",
            "404, RequestRejected, 1",
            "408, Unavailable,     2",
            "409, Unavailable,     2",
            "413, RequestRejected, 1",
            "422, RequestRejected, 1",
            "429, Unavailable,     2",
            "500, Unavailable,     2",
            "502, Unavailable,     2",
            "503, Unavailable,     2"})
    void shouldMapEachStatusAndRetryOnlyTheRetriableOnes(int status, String error, int requests) {
        try (FakeModelServer server = FakeModelServer.start()) {
            server.enqueue(ModelReply.error(status, "status " + status), ModelReply.error(status, "status " + status));

            assertThatThrownBy(() -> provider(server.openAiBaseUrl()).complete(TestRequests.question("?"), null))
                    .isInstanceOf(type(error));
            assertThat(server.requests()).hasSize(requests);
        }
    }

    @Test
    void shouldMapAServerThatIsNotThereToUnavailable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }

        OpenAiProvider provider = provider("http://127.0.0.1:" + port + "/v1");

        assertThatThrownBy(() -> provider.complete(TestRequests.question("?"), null))
                .isInstanceOf(LlmException.Unavailable.class)
                .hasMessageContaining("Cannot reach the model server at http://127.0.0.1:" + port + "/v1");
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
