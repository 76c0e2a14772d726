package io.carapulse.cli.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.carapulse.cli.CliException;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.connect.Connection;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client's contract against a real local HTTP server: errors, redirects, timeouts, no thread left behind. */
class ApiClientTest {

    private static final String TOKEN = "cpt_" + "s".repeat(43);

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/plans", e -> answer(e, 200, "application/json", "{\"items\":[],\"total\":0}"));
        server.createContext("/v1/echo", e -> answer(e, 200, "application/json", "{\"method\":\"" + e.getRequestMethod()
                + "\",\"type\":\"" + e.getRequestHeaders().getFirst("Content-Type") + "\",\"auth\":"
                + (e.getRequestHeaders().getFirst("Authorization") != null) + ",\"body\":"
                + new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) + "}"));
        server.createContext("/v1/conflict", e -> answer(e, 409, "application/problem+json",
                "{\"code\":\"approval_not_pending\",\"detail\":\"plan pln_1 is not waiting for an approval\"}"));
        server.createContext("/v1/denied", e -> answer(e, 401, "application/problem+json",
                "{\"code\":\"unauthenticated\",\"detail\":\"token rejected\"}"));
        server.createContext("/v1/moved", e -> {
            e.getResponseHeaders().add("Location", "/v1/target");
            answer(e, 302, "text/plain", "");
        });
        server.createContext("/v1/target", e -> answer(e, 200, "application/json", "{}"));
        server.createContext("/v1/slow", e -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            answer(e, 200, "application/json", "{}");
        });
        server.createContext("/v1/events", e -> answer(e, 200, "text/event-stream", "id: 1\nevent: x\ndata: {}\n\n"));
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void shouldLeaveNoThreadRunningInTheClientAfterACall() throws Exception {
        // the client is made and used on a thread of its own group, so every thread it starts joins that group
        ThreadGroup group = new ThreadGroup("api-call");
        AtomicReference<ApiClient> api = new AtomicReference<>();
        AtomicReference<JsonNode> page = new AtomicReference<>();
        Thread caller = new Thread(group, () -> {
            api.set(api(Duration.ofSeconds(60)));
            page.set(api.get().get("/v1/plans", JsonNode.class));
        }, "api-caller");
        caller.start();
        caller.join();
        assertThat(page.get().get("total").asInt()).isZero();

        // a thread left running (in native code) makes the JVM's exit wait up to 300 ms for it
        Thread[] left = new Thread[64];
        List<String> running = Arrays.stream(left, 0, group.enumerate(left))
                .filter(t -> t.getState() == Thread.State.RUNNABLE).map(Thread::getName).toList();
        assertThat(running).as("threads the call started that still run").isEmpty();
        assertThat(api.get().connection().server()).isNotNull(); // the client is still reachable here
    }

    @Test
    void shouldSendJsonWithTheTokenAndReadTheAnswer() {
        JsonNode echo = api(Duration.ofSeconds(60)).post("/v1/echo", Map.of("summary", "x"), JsonNode.class);
        assertThat(echo.get("method").asText()).isEqualTo("POST");
        assertThat(echo.get("type").asText()).isEqualTo("application/json");
        assertThat(echo.get("auth").asBoolean()).isTrue();
        assertThat(echo.get("body").get("summary").asText()).isEqualTo("x");
    }

    @Test
    void shouldTurnAProblemIntoItsCodeDetailAndExitCode() {
        CliException e = catchThrowableOfType(() -> api(Duration.ofSeconds(60)).post("/v1/conflict", null, JsonNode.class),
                CliException.class);
        assertThat(e.exitCode()).isEqualTo(ExitCode.CONFLICT);
        assertThat(e.getMessage()).isEqualTo("approval_not_pending: plan pln_1 is not waiting for an approval");
        assertThat(e.request()).isEqualTo("POST " + base() + "/v1/conflict -> 409");

        CliException denied = catchThrowableOfType(() -> api(Duration.ofSeconds(60)).get("/v1/denied", JsonNode.class),
                CliException.class);
        assertThat(denied.exitCode()).isEqualTo(ExitCode.UNAUTHENTICATED);
        assertThat(denied.getMessage() + denied.request()).doesNotContain(TOKEN);
    }

    @Test
    void shouldNeverFollowARedirect() {
        CliException e = catchThrowableOfType(() -> api(Duration.ofSeconds(60)).get("/v1/moved", JsonNode.class),
                CliException.class);
        assertThat(e.getMessage()).isEqualTo("http_302: HTTP 302");
        assertThat(requests).containsExactly("GET /v1/moved");
    }

    @Test
    void shouldReportAServerThatDoesNotAnswerInTime() {
        CliException e = catchThrowableOfType(() -> api(Duration.ofSeconds(1)).get("/v1/slow", JsonNode.class),
                CliException.class);
        assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(e.getMessage()).startsWith("cannot reach the server at " + base() + ": no answer within 1s");
    }

    @Test
    void shouldReportARefusedConnection() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        ApiClient api = new ApiClient(new Connection(URI.create("http://127.0.0.1:" + closed), TOKEN, "test", "test"));
        CliException e = catchThrowableOfType(() -> api.get("/v1/plans", JsonNode.class), CliException.class);
        assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(e.getMessage()).startsWith("cannot reach the server at http://127.0.0.1:" + closed + ": connection refused");
        assertThat(catchThrowableOfType(api::health, CliException.class).exitCode()).isEqualTo(ExitCode.UNREACHABLE);
    }

    @Test
    void shouldStreamEventsAndReportHealth() throws IOException {
        ApiClient api = api(Duration.ofSeconds(60));
        try (InputStream body = api.stream("/v1/events", Map.of("Last-Event-ID", "0")); SseReader r = new SseReader(body)) {
            assertThat(r.next()).isEqualTo(new SseReader.Event("1", "x", "{}"));
        }
        assertThat(api.health()).isEqualTo(404);
        CliException e = catchThrowableOfType(() -> api.stream("/v1/conflict", Map.of()), CliException.class);
        assertThat(e.exitCode()).isEqualTo(ExitCode.CONFLICT);
    }

    private ApiClient api(Duration requestTimeout) {
        return new ApiClient(new Connection(URI.create(base()), TOKEN, "test", "test"), requestTimeout);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange e, int status, String type, String body) throws IOException {
        requests.add(e.getRequestMethod() + " " + e.getRequestURI());
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        e.getResponseHeaders().add("Content-Type", type);
        e.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            e.getResponseBody().write(b);
        }
        e.close();
    }
}
