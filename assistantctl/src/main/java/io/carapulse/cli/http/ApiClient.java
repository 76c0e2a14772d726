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
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The HTTP API: JSON in and out as the API's records, every non-2xx answer turned into a
 * {@link CliException} carrying the problem's {@code code} and {@code detail} and the matching exit
 * code. Calls block the calling thread and leave none behind ({@link BlockingHttp}). Never logs or
 * reports a header, so the token stays out of every message.
 */
public final class ApiClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final Connection connection;
    private final Duration requestTimeout;

    public ApiClient(Connection connection) {
        this(connection, REQUEST_TIMEOUT);
    }

    /** With a shorter wait for answers, for tests. */
    ApiClient(Connection connection, Duration requestTimeout) {
        this.connection = connection;
        this.requestTimeout = requestTimeout;
    }

    public Connection connection() {
        return connection;
    }

    public <T> T get(String path, Class<T> type) {
        return read(send("GET", path, null), Json.reader().constructType(type));
    }

    public <T> T get(String path, TypeReference<T> type) {
        return read(send("GET", path, null), Json.reader().getTypeFactory().constructType(type));
    }

    public <T> T post(String path, Object body, Class<T> type) {
        return read(send("POST", path, json(body)), Json.reader().constructType(type));
    }

    public <T> T put(String path, Object body, Class<T> type) {
        return read(send("PUT", path, json(body)), Json.reader().constructType(type));
    }

    /**
     * POSTs {@code body} as it is, of {@code contentType} (a YAML file), and answers the status with the
     * value, for endpoints whose status says what happened (201 recorded, 200 unchanged).
     */
    public <T> Reply<T> postDocument(String path, String contentType, byte[] body, Class<T> type) {
        Answer answer = send("POST", path, body, contentType);
        return new Reply<>(answer.status(), read(answer, Json.reader().constructType(type)));
    }

    /** An answer's status and its body as a record. */
    public record Reply<T>(int status, T value) {
    }

    public void delete(String path) {
        send("DELETE", path, null);
    }

    /** DELETE for endpoints that answer with what they did. */
    public <T> T delete(String path, Class<T> type) {
        return read(send("DELETE", path, null), Json.reader().constructType(type));
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
        try {
            BlockingHttp.Answer a = BlockingHttp.exchange("GET", uri("/health"), Map.of(), null, CONNECT_TIMEOUT,
                    requestTimeout);
            try (InputStream in = a.body()) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return a.status();
        } catch (IOException e) {
            throw unreachable("GET", "/health", e);
        }
    }

    /**
     * Opens a streaming GET (server-sent events): the caller reads the body as it arrives and closes it.
     * A non-2xx answer is reported as for any other call.
     */
    public InputStream stream(String path, Map<String, String> headers) throws IOException {
        Map<String, String> h = headers("text/event-stream");
        h.putAll(headers);
        return opened("GET", path, BlockingHttp.exchange("GET", uri(path), h, null, CONNECT_TIMEOUT, Duration.ZERO));
    }

    /**
     * Opens a streaming POST: sends {@code body} as JSON and reads the answer as server-sent events
     * (a chat turn). A refusal before the stream starts is reported as for any other call.
     */
    public InputStream streamPost(String path, Object body) throws IOException {
        byte[] json = json(body);
        Map<String, String> h = headers("text/event-stream");
        if (json != null) {
            h.put("Content-Type", "application/json");
        }
        BlockingHttp.Answer a;
        try {
            a = BlockingHttp.exchange("POST", uri(path), h, json, CONNECT_TIMEOUT, Duration.ZERO);
        } catch (IOException e) {
            throw unreachable("POST", path, e);
        }
        return opened("POST", path, a);
    }

    private InputStream opened(String method, String path, BlockingHttp.Answer a) throws IOException {
        if (a.status() >= 300) {
            try (InputStream in = a.body()) {
                throw problem(method, path, a.status(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return a.body();
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

    private Map<String, String> headers(String accept) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Accept", accept);
        if (connection.token() != null) {
            h.put("Authorization", "Bearer " + connection.token());
        }
        return h;
    }

    private static byte[] json(Object body) {
        if (body == null) {
            return null;
        }
        try {
            return Json.compact().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the request body", e);
        }
    }

    private URI uri(String path) {
        return URI.create(connection.server().toString() + path);
    }

    private Answer send(String method, String path, byte[] body) {
        return send(method, path, body, "application/json");
    }

    private Answer send(String method, String path, byte[] body, String contentType) {
        Map<String, String> h = headers("application/json");
        if (body != null) {
            h.put("Content-Type", contentType);
        }
        int status;
        String text;
        try {
            BlockingHttp.Answer a = BlockingHttp.exchange(method, uri(path), h, body, CONNECT_TIMEOUT, requestTimeout);
            status = a.status();
            try (InputStream in = a.body()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw unreachable(method, path, e);
        }
        if (status >= 300) {
            throw problem(method, path, status, text);
        }
        return new Answer(method, path, status, text);
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
        String why = e instanceof BlockingHttp.ConnectTimeout ? "connection timed out"
                : e instanceof SocketTimeoutException ? "no answer within " + requestTimeout.toSeconds() + "s"
                : e instanceof ConnectException ? "connection refused"
                : e instanceof UnknownHostException ? "unknown host " + e.getMessage()
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new CliException(ExitCode.UNREACHABLE, "cannot reach the server at " + connection.server() + ": " + why
                + " (is it running? --server, CARAPULSE_SERVER or a context choose it)", describe(method, path), e);
    }

    private CliException problem(String method, String path, int status, String body) {
        String code = "http_" + status;
        String detail = "HTTP " + status;
        List<String> errors = List.of();
        try {
            JsonNode p = Json.reader().readTree(body);
            if (p != null && p.hasNonNull("code")) {
                code = p.get("code").asText();
                detail = p.path("detail").asText(detail);
                errors = errors(p.path("errors"));
                detail += unsaid(detail, p.path("errors"), errors);
            }
        } catch (JsonProcessingException | UncheckedIOException e) {
            // not a problem document (a proxy's error page): the status is all there is
        }
        if (status == 401 && connection.token() == null) {
            detail += " (no token: pass --token, set CARAPULSE_TOKEN or configure a context)";
        }
        return new CliException(ExitCode.forProblem(code, status), code + ": " + detail,
                describe(method, path) + " -> " + status, null, errors);
    }

    /** Each of a problem's {@code errors}: {@code step 0: message}, {@code params.replicas: message} or the message. */
    private static List<String> errors(JsonNode errors) {
        if (!errors.isArray()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode e : errors) {
            String message = e.path("message").asText(e.toString());
            lines.add(e.has("step") ? "step " + e.get("step").asText() + ": " + message
                    : e.hasNonNull("path") ? e.get("path").asText() + ": " + message : message);
        }
        return lines;
    }

    /**
     * The errors for the one-line message, unless the detail already names each one's place ({@code steps[0]}, its
     * path) and message.
     */
    private static String unsaid(String detail, JsonNode errors, List<String> lines) {
        if (lines.isEmpty()) {
            return "";
        }
        boolean said = true;
        for (JsonNode e : errors) {
            boolean placed = e.has("step") ? detail.contains("steps[" + e.get("step").asText() + "]")
                    : e.hasNonNull("path") && detail.contains(e.get("path").asText());
            said &= placed && e.hasNonNull("message") && detail.contains(e.get("message").asText());
        }
        return said ? "" : " [" + String.join("; ", lines) + "]";
    }
}
