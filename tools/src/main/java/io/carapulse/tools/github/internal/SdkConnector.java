package io.carapulse.tools.github.internal;

import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolFailure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * The HTTP connection GitHub API for Java uses for one call: the JDK's client, each request bounded by
 * what is left of the step's deadline and refused once the call is cancelled, every request and the last
 * answer recorded for the evidence and for naming failures (the status, the rate-limit headers, GitHub's
 * message). A request that cannot be sent fails as {@link Stopped}, which the library does not retry (it
 * retries socket errors, and a write must never be sent twice blindly, S10).
 */
public final class SdkConnector implements GitHubConnector {

    /**
     * Headers the JDK client sets itself and refuses from callers, and {@code accept-encoding}: answers come
     * uncompressed, so a failed answer's message can be read as it is.
     */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "host", "expect", "upgrade",
            "accept-encoding");

    private final HttpClient http;
    private final ToolContext context;
    private final List<Exchange> exchanges = new ArrayList<>();

    public SdkConnector(HttpClient http, ToolContext context) {
        this.http = http;
        this.context = context;
    }

    /** One request and its answer, its body as received (GitHub's message of a failure, a listing's shape). */
    public record Exchange(String method, String url, int status, Map<String, List<String>> headers, byte[] body) {
    }

    /** Every exchange so far, oldest first. */
    public List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    /** The last exchange, or null before the first. */
    public Exchange last() {
        return exchanges.isEmpty() ? null : exchanges.get(exchanges.size() - 1);
    }

    @Override
    public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
        if (context.cancellation().isCancelled()) {
            throw new Stopped(ToolFailure.CANCELLED, "cancelled before " + request.method() + " " + request.url());
        }
        Duration left = Duration.between(Instant.now(), context.deadline());
        if (left.isNegative() || left.isZero()) {
            throw new Stopped(ToolFailure.TIMED_OUT, "the step's deadline passed before " + request.method() + " "
                    + request.url());
        }
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(request.url().toURI()).timeout(left);
        } catch (URISyntaxException e) {
            throw new Stopped(ToolFailure.INVALID_ARGUMENTS, "not a URL: " + request.url());
        }
        request.allHeaders().forEach((name, values) -> {
            if (name != null && !RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        HttpRequest.BodyPublisher body = request.hasBody()
                ? HttpRequest.BodyPublishers.ofByteArray(request.body().readAllBytes())
                : HttpRequest.BodyPublishers.noBody();
        builder.method(request.method(), body);
        HttpResponse<byte[]> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new Stopped(ToolFailure.TIMED_OUT, request.method() + " " + request.url()
                    + " did not answer before the step's deadline");
        } catch (IOException e) {
            throw new Stopped(ToolFailure.UNAVAILABLE, "cannot reach " + hostOf(request) + ": " + e.getClass()
                    .getSimpleName().replace("Exception", "") + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped(ToolFailure.CANCELLED, "interrupted during " + request.method() + " " + request.url());
        }
        int status = response.statusCode();
        Map<String, List<String>> headers = response.headers().map();
        byte[] bytes = response.body() == null ? new byte[0] : response.body();
        exchanges.add(new Exchange(request.method(), request.url().toString(), status, headers, bytes));
        return new GitHubConnectorResponse.ByteArrayResponse(request, status, headers) {
            @Override
            protected InputStream rawBodyStream() {
                return new ByteArrayInputStream(bytes);
            }
        };
    }

    private static String hostOf(GitHubConnectorRequest request) {
        try {
            URI uri = request.url().toURI();
            return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        } catch (URISyntaxException e) {
            return "GitHub";
        }
    }

    /** The connection refused or could not make a request: how the call failed, never retried by the library. */
    public static final class Stopped extends IOException {

        private final transient ToolFailure failure;

        Stopped(ToolFailure failure, String message) {
            super(message);
            this.failure = failure;
        }

        public ToolFailure failure() {
            return failure;
        }
    }
}
