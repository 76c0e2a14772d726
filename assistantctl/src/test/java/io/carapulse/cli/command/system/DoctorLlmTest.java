package io.carapulse.cli.command.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.carapulse.cli.connect.Connection;
import io.carapulse.cli.http.ApiClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** doctor's LLM line, for servers with and without {@code GET /v1/llm}. */
class DoctorLlmTest {

    private HttpServer server;
    private volatile int status;
    private volatile String body;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/llm", exchange -> {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(status, b.length);
            exchange.getResponseBody().write(b);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void shouldSayTheServerDoesNotReportLlmStatusWhenItHasNoSuchEndpoint() {
        status = 404;
        body = "{\"code\":\"not_found\",\"detail\":\"no route\"}";
        assertThat(DoctorCommand.llm(api())).isEqualTo(Check.warn("llm", "server does not report LLM status"));
    }

    @Test
    void shouldShowTheProviderAndNeverMoreThanTheServerSays() {
        status = 200;
        body = "{\"provider\":\"openai-codex\",\"configured\":true,\"model\":\"gpt-5-codex\",\"baseUrl\":\"https://x\","
                + "\"credential\":\"profile:openai-codex:me\",\"expiresAt\":\"2026-11-25T10:00:00Z\",\"detail\":null}";
        assertThat(DoctorCommand.llm(api())).isEqualTo(Check.ok("llm", "openai-codex, model gpt-5-codex, credential "
                + "profile:openai-codex:me, token expires 2026-11-25T10:00:00Z"));
        body = "{\"provider\":\"none\",\"configured\":false,\"detail\":\"set OPENAI_API_KEY\"}";
        assertThat(DoctorCommand.llm(api())).isEqualTo(Check.warn("llm", "not configured: set OPENAI_API_KEY"));
    }

    private ApiClient api() {
        return new ApiClient(new Connection(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "cpt_x",
                "test", "test"));
    }
}
