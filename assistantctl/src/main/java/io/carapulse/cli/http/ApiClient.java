package io.carapulse.cli.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.cli.CliException;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.connect.Connection;
import io.carapulse.cli.output.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The HTTP API over {@code java.net.http}: JSON in and out as the API's records, every non-2xx answer
 * turned into a {@link CliException} carrying the problem's {@code code} and {@code detail} and the
 * matching exit code. Never logs or reports a header, so the token stays out of every message.
 */
public final class ApiClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final Connection connection;
    private final HttpClient http;

    public ApiClient(Connection connection) {
        this.connection = connection;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER);
        if ("http".equalsIgnoreCase(connection.server().getScheme())) {
            // a plain-HTTP server needs no TLS: without this the client loads and parses the JDK's
            // trust store at start (a third of a short command's time); redirects are never followed,
            // so no https URL can be reached through this client
            builder.sslContext(PlainHttp.CONTEXT);
        }
        this.http = builder.build();
    }

    public Connection connection() {
        return connection;
    }

    public <T> T get(String path, Class<T> type) {
        return read(send(request(path).GET(), path), Json.reader().constructType(type));
    }

    public <T> T get(String path, TypeReference<T> type) {
        return read(send(request(path).GET(), path), Json.reader().getTypeFactory().constructType(type));
    }

    public <T> T post(String path, Object body, Class<T> type) {
        return read(send(withBody(request(path), "POST", body), path), Json.reader().constructType(type));
    }

    public void delete(String path) {
        send(request(path).DELETE(), path);
    }

    /** GET that answers {@code null} on 404 instead of failing (for optional endpoints). */
    public <T> T getIfPresent(String path, Class<T> type) {
        try {
            return get(path, type);
        } catch (CliException e) {
            if (e.exitCode() == ExitCode.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    /** The anonymous {@code GET /health}: its status, or a {@link CliException} when unreachable. */
    public int health() {
        HttpRequest r = HttpRequest.newBuilder(uri("/health")).timeout(REQUEST_TIMEOUT).GET().build();
        try {
            return http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw unreachable("GET", "/health", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.ERROR, "interrupted");
        }
    }

    /**
     * Opens a streaming GET (server-sent events): the caller reads the body as it arrives and closes it.
     * A non-2xx answer is reported as for any other call.
     */
    public InputStream stream(String path, Map<String, String> headers) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Accept", "text/event-stream").GET();
        authorize(b);
        headers.forEach(b::header);
        HttpResponse<InputStream> response;
        try {
            response = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.ERROR, "interrupted");
        }
        if (response.statusCode() >= 300) {
            try (InputStream in = response.body()) {
                throw problem("GET", path, response.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return response.body();
    }

    /**
     * Opens a streaming POST: sends {@code body} as JSON and reads the answer as server-sent events
     * (a chat turn). A refusal before the stream starts is reported as for any other call.
     */
    public InputStream streamPost(String path, Object body) throws IOException {
        HttpRequest.Builder b = withBody(HttpRequest.newBuilder(uri(path)).header("Accept", "text/event-stream"),
                "POST", body);
        authorize(b);
        HttpResponse<InputStream> response;
        try {
            response = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw unreachable("POST", path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.ERROR, "interrupted");
        }
        if (response.statusCode() >= 300) {
            try (InputStream in = response.body()) {
                throw problem("POST", path, response.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return response.body();
    }

    /** {@code GET} as {@code method URL}: what {@code --verbose} reports. */
    public String describe(String method, String path) {
        return method + " " + uri(path);
    }

    /** {@code path?k=v&…} with the non-null parameters, URL-encoded. */
    public static String query(String path, Map<String, Object> params) {
        StringJoiner q = new StringJoiner("&");
        params.forEach((k, v) -> {
            if (v != null) {
                q.add(k + "=" + URLEncoder.encode(v.toString(), StandardCharsets.UTF_8));
            }
        });
        return q.length() == 0 ? path : path + "?" + q;
    }

    /** Parameters in the order given (for {@link #query}). */
    public static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** A path segment from user input, encoded so it cannot change the path. */
    public static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        authorize(b);
        return b;
    }

    private void authorize(HttpRequest.Builder b) {
        if (connection.token() != null) {
            b.header("Authorization", "Bearer " + connection.token());
        }
    }

    private static HttpRequest.Builder withBody(HttpRequest.Builder b, String method, Object body) {
        if (body == null) {
            return b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Json.compact().writeValueAsString(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the request body", e);
        }
    }

    private URI uri(String path) {
        return URI.create(connection.server().toString() + path);
    }

    private Answer send(HttpRequest.Builder builder, String path) {
        HttpRequest r = builder.build();
        HttpResponse<String> response;
        try {
            response = http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw unreachable(r.method(), path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.ERROR, "interrupted");
        }
        if (response.statusCode() >= 300) {
            throw problem(r.method(), path, response.statusCode(), response.body());
        }
        return new Answer(r.method(), path, response.statusCode(), response.body());
    }

    private record Answer(String method, String path, int status, String body) {
    }

    private <T> T read(Answer answer, JavaType type) {
        if (answer.body().isBlank()) {
            return null;
        }
        try {
            return Json.reader().readValue(answer.body(), type);
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCode.ERROR, "the server's answer is not what this assistantctl expects: "
                    + e.getOriginalMessage(), describe(answer.method(), answer.path()) + " -> " + answer.status(), e);
        }
    }

    CliException unreachable(String method, String path, IOException e) {
        String why = e instanceof HttpConnectTimeoutException ? "connection timed out"
                : e instanceof HttpTimeoutException ? "no answer within " + REQUEST_TIMEOUT.toSeconds() + "s"
                : e instanceof ConnectException ? "connection refused"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new CliException(ExitCode.UNREACHABLE, "cannot reach the server at " + connection.server() + ": " + why
                + " (is it running? --server, CARAPULSE_SERVER or a context choose it)", describe(method, path), e);
    }

    private CliException problem(String method, String path, int status, String body) {
        String code = "http_" + status;
        String detail = "HTTP " + status;
        try {
            JsonNode p = Json.reader().readTree(body);
            if (p != null && p.hasNonNull("code")) {
                code = p.get("code").asText();
                detail = p.path("detail").asText(detail) + errors(p.path("errors"));
            }
        } catch (JsonProcessingException | UncheckedIOException e) {
            // not a problem document (a proxy's error page): the status is all there is
        }
        if (status == 401 && connection.token() == null) {
            detail += " (no token: pass --token, set CARAPULSE_TOKEN or configure a context)";
        }
        return new CliException(ExitCode.forProblem(code, status), code + ": " + detail,
                describe(method, path) + " -> " + status, null);
    }

    private static String errors(JsonNode errors) {
        if (!errors.isArray() || errors.isEmpty()) {
            return "";
        }
        StringJoiner j = new StringJoiner("; ", " [", "]");
        for (JsonNode e : errors) {
            String message = e.path("message").asText(e.toString());
            j.add(e.has("step") ? "step " + e.get("step").asText() + ": " + message : message);
        }
        return j.toString();
    }
}
