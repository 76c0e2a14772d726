package io.carapulse.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.core.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain JDK client for API tests: every status is a value, never an exception. */
public final class TestHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URL base;

    public TestHttp(URL base) {
        this.base = base;
    }

    public record Response(int status, String contentType, String body, java.net.http.HttpHeaders headers) {
        public JsonNode json() {
            return Json.read(body);
        }

        /** The stable problem code of an error response. */
        public String code() {
            return json().path("code").asText();
        }
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    public Response post(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response put(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Any method, any content type, any body (for malformed requests). */
    public Response send(String method, String path, String token, String contentType, String body) {
        HttpRequest.Builder b = request(path, token);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Any method with a body and extra headers (e.g. Accept: text/event-stream). */
    public Response send(String method, String path, String token, String contentType, String body,
                         String... headers) {
        HttpRequest.Builder b = request(path, token);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)));
    }

    /** GET with extra headers (SSE, Last-Event-ID). */
    public Response get(String path, String token, String... headers) {
        HttpRequest.Builder b = request(path, token).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    /** Polls {@code GET /v1/executions/{id}} until it ends or is held; fails after a minute. */
    public com.fasterxml.jackson.databind.JsonNode awaitExecution(String executionId, String token) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        com.fasterxml.jackson.databind.JsonNode e = null;
        while (System.nanoTime() < deadline) {
            e = get("/v1/executions/" + executionId, token).json();
            if (java.util.Set.of("SUCCEEDED", "FAILED", "ROLLED_BACK", "CANCELLED", "HELD")
                    .contains(e.path("status").asText())) {
                return e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
        throw new AssertionError("execution " + executionId + " did not finish: " + e);
    }

    public Response delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private static Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> r = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
