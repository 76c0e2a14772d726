package io.carapulse.tools.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A GitLab REST v4 API on WireMock ({@code http://127.0.0.1:<port>/api/v4}) answering what a test declares,
 * each answer in GitLab's own shape ({@link GitlabShapes}) with GitLab's headers. Every answer is also kept
 * as a {@link Reply}, so the fake {@code glab} ({@link GlabFake}) can print the same answers on the CLI path.
 */
final class GitlabStubs implements AutoCloseable {

    /**
     * One answer.
     *
     * @param method  the HTTP method
     * @param path    the path under {@code /api/v4}, percent-encoded as GitLab wants it, without the query
     * @param query   query parameters the request must carry (WireMock); the fake ignores them
     * @param status  the HTTP status
     * @param headers the answer's headers besides {@code Content-Type}
     * @param body    the body ({@code ""} for none)
     */
    record Reply(String method, String path, Map<String, String> query, int status, Map<String, String> headers,
                 String body) {
    }

    private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final Map<String, Reply> replies = new LinkedHashMap<>();

    GitlabStubs() {
        server.start();
    }

    String apiUrl() {
        return "http://127.0.0.1:" + server.port() + "/api/v4";
    }

    WireMockServer server() {
        return server;
    }

    /** Declares an answer (replacing one for the same method, path and query). */
    GitlabStubs on(String method, String path, Map<String, String> query, int status, Map<String, String> headers,
                   String body) {
        Reply reply = new Reply(method, path, Map.copyOf(query), status, Map.copyOf(headers), body);
        replies.put(method + " " + path + " " + new java.util.TreeMap<>(query), reply);
        MappingBuilder mapping = request(method, urlPathMatching(pathPattern("/api/v4/" + path)));
        query.forEach((k, v) -> mapping.withQueryParam(k, equalTo(v)));
        ResponseDefinitionBuilder response = aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("RateLimit-Limit", "2000").withHeader("RateLimit-Observed", "3")
                .withHeader("X-Request-Id", "01HX9Q2V3K4M5N6P7Q8R9S0T1U");
        headers.forEach(response::withHeader);
        if (!body.isEmpty() && !method.equals("HEAD")) {
            response.withBody(body);
        }
        server.stubFor(mapping.atPriority(query.isEmpty() ? 5 : 1).willReturn(response));
        return this;
    }

    /**
     * {@code path} as a pattern matching it however a client escapes {@code .}, {@code -} and {@code _}
     * (gitlab4j sends {@code %2E}, {@code %2D}, {@code %5F}; GitLab decodes either).
     */
    static String pathPattern(String path) {
        StringBuilder p = new StringBuilder();
        String decoded = path.replace("%2E", ".").replace("%2D", "-").replace("%5F", "_");
        for (char c : decoded.toCharArray()) {
            switch (c) {
                case '.' -> p.append("(?:\\.|%2[Ee])");
                case '-' -> p.append("(?:-|%2[Dd])");
                case '_' -> p.append("(?:_|%5[Ff])");
                default -> p.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return p.toString();
    }

    GitlabStubs ok(String method, String path, String body) {
        return on(method, path, Map.of(), method.equals("POST") ? 201 : 200, Map.of(), body);
    }

    GitlabStubs fail(String method, String path, int status, String message) {
        return on(method, path, Map.of(), status, Map.of(), GitlabShapes.error(message));
    }

    /** Every answer declared, newest per method, path and query. */
    List<Reply> replies() {
        return new ArrayList<>(replies.values());
    }

    /** Requests received with {@code method}, oldest first. */
    List<LoggedRequest> requests(String method) {
        return received().stream()
                .filter(r -> r.getMethod().value().equals(method))
                .toList();
    }

    /** Requests that would change something: anything but GET and HEAD. */
    List<LoggedRequest> writes() {
        return received().stream()
                .filter(r -> !r.getMethod().value().equals("GET") && !r.getMethod().value().equals("HEAD"))
                .toList();
    }

    List<LoggedRequest> all() {
        return received().stream()
                .toList();
    }

    /** Every request received, oldest first (WireMock lists the newest first). */
    private List<LoggedRequest> received() {
        List<LoggedRequest> out = new ArrayList<>(server.getAllServeEvents().stream().map(e -> e.getRequest()).toList());
        java.util.Collections.reverse(out);
        return out;
    }

    void reset() {
        server.resetAll();
        replies.clear();
    }

    @Override
    public void close() {
        server.stop();
    }
}
