package io.carapulse.tools.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.carapulse.api.redact.Redactor;
import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.testkit.tool.RecordingToolContext;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The HTTP fallbacks' call against real sockets: a read that cannot reach the service may be tried again,
 * a write never (S10: its request may have arrived); a timeout and a cancellation end it as such.
 */
class JsonHttpCallTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ToolResult PARTIAL = new ToolResult(Transport.HTTP, List.of("POST", "x"), null, null, "", null,
            Map.of());

    @Test
    void shouldLetAReadThatCouldNotConnectBeRetriedButNeverAWrite() throws Exception {
        URI closed = URI.create("http://127.0.0.1:" + freePort() + "/v1/x");

        Throwable read = catchThrowable(() -> call(closed, true, RecordingToolContext.withTimeout(Duration.ofSeconds(5))));
        Throwable write = catchThrowable(() -> call(closed, false, RecordingToolContext.withTimeout(Duration.ofSeconds(5))));

        assertThat(read).isInstanceOf(RetriableToolException.class);
        assertThat(write).isInstanceOf(ToolException.class).isNotInstanceOf(RetriableToolException.class);
        assertThat(((ToolException) write).code()).isEqualTo(ToolFailure.TOOL_FAILED.code());
        assertThat(((ToolException) write).partial()).contains(PARTIAL);
    }

    @Test
    void shouldTimeOutAWriteThatGetsNoAnswerWithoutRetryingIt() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            CompletableFuture.runAsync(() -> {
                try (Socket s = silent.accept()) {
                    Thread.sleep(5_000); // reads nothing, answers nothing
                } catch (Exception ignored) {
                    // the test is over
                }
            });
            Throwable write = catchThrowable(() -> call(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/"),
                    false, RecordingToolContext.withTimeout(Duration.ofMillis(10))));

            assertThat(write).isInstanceOf(ToolException.class).isNotInstanceOf(RetriableToolException.class)
                    .hasMessageContaining("timed out");
            assertThat(((ToolException) write).code()).isEqualTo(ToolFailure.TIMED_OUT.code());
        }
    }

    @Test
    void shouldNotSendACallWhoseStepWasCancelled() {
        RecordingToolContext ctx = RecordingToolContext.withTimeout(Duration.ofSeconds(5));
        ctx.cancel();

        Throwable cancelled = catchThrowable(() -> call(URI.create("http://127.0.0.1:1/"), false, ctx));

        assertThat(cancelled).isInstanceOf(ToolException.class).hasMessageContaining("cancelled before it started");
        assertThat(((ToolException) cancelled).code()).isEqualTo(ToolFailure.CANCELLED.code());
    }

    private static void call(URI uri, boolean read, RecordingToolContext ctx) {
        HttpRequest.Builder request = JsonHttpCall.request(HttpRequest.newBuilder(uri), read ? null : "{}", ctx);
        JsonHttpCall.send(HTTP, request.build(), "test API " + uri, read, ctx, Redactor.patterns(), PARTIAL);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
