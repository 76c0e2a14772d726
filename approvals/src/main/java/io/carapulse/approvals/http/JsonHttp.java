package io.carapulse.approvals.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.carapulse.api.error.RetriableException;
import io.micronaut.core.util.SupplierUtil;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * JSON over {@code java.net.http} for one external service: bounded time, no redirects (a credential
 * header must never follow one), and an answer that is never an exception by itself: each
 * integration's error mapper decides what a status means. Connection failures and timeouts are
 * {@link RetriableException}s whose message names the service, never a header or a body.
 */
public final class JsonHttp {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final String service;
    private final Duration timeout;
    /**
     * Built at the first call: building a client loads the JDK's trust store and starts a selector
     * thread, which a server that never calls this channel should not pay for at start-up.
     */
    private final Supplier<HttpClient> client;

    public JsonHttp(String service, Duration timeout) {
        this.service = service;
        this.timeout = timeout;
        this.client = SupplierUtil.memoized(() -> HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
    }

    /**
     * An answer: its status, and its body as JSON when it is JSON.
     *
     * @param status HTTP status
     * @param json   the body parsed, or a missing node when it is empty or not JSON
     * @param text   the body as text, for error messages (to be redacted by the caller)
     */
    public record Answer(int status, JsonNode json, String text) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** POSTs {@code body} as JSON with {@code headers}. */
    public Answer post(URI uri, Map<String, String> headers, JsonNode body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        headers.forEach(b::setHeader);
        return send(b.build());
    }

    /** GETs {@code uri} with {@code headers}. */
    public Answer get(URI uri, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        headers.forEach(b::setHeader);
        return send(b.build());
    }

    private Answer send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = client.get().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RetriableException("channel_unreachable", service + " could not be reached ("
                    + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException("channel_unreachable", "interrupted while calling " + service);
        }
        String text = response.body() == null ? "" : response.body();
        JsonNode json;
        try {
            json = text.isBlank() ? JSON.missingNode() : JSON.readTree(text);
        } catch (IOException e) {
            json = JSON.missingNode();
        }
        return new Answer(response.statusCode(), json, text);
    }
}
