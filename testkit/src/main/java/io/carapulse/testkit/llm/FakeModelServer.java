package io.carapulse.testkit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted OpenAI-compatible model server on {@code 127.0.0.1}, for tests of anything that talks
 * to a model: the providers, the agent loop, the CLI's chat.
 *
 * <p>Tests {@linkplain #enqueue enqueue} {@link ModelReply replies}; each request takes the next
 * one, whatever its path, and gets it rendered in the format of the endpoint it called:
 * <ul>
 *   <li>{@code …/chat/completions}: Chat Completions, streamed as {@code chat.completion.chunk} SSE
 *       frames ending {@code data: [DONE]} when the request says {@code "stream": true}, else one
 *       {@code chat.completion} object;</li>
 *   <li>{@code …/responses}: the Responses API as the Codex backend streams it
 *       ({@code response.created} … {@code response.completed}, the latter with usage and an empty
 *       {@code output}).</li>
 * </ul>
 * Every request is {@linkplain #requests() recorded} (method, path, headers, body) before it is
 * answered. A request with no reply left gets a 400 whose message says so, which surfaces as a
 * "request rejected" error rather than a hang.
 *
 * <pre>{@code
 * try (FakeModelServer model = FakeModelServer.start()) {
 *     model.enqueue(ModelReply.error(429, "slow down").withHeader("Retry-After", "1"),
 *                   ModelReply.text("Hello", " there").withUsage(12, 2));
 *     // point the client at model.openAiBaseUrl() or model.codexBaseUrl()
 *     assertThat(model.requests()).hasSize(2);
 * }
 * }</pre>
 */
public final class FakeModelServer implements AutoCloseable {

    /** What a request gets when the script has run out. */
    public static final String NO_REPLY_LEFT = "fake model server: no scripted reply left";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Queue<ModelReply> script = new ConcurrentLinkedQueue<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger served = new AtomicInteger();

    private FakeModelServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts a server on a free port of {@code 127.0.0.1}. */
    public static FakeModelServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
            // one thread per request: a delayed reply must not hold up the next request
            ExecutorService executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "fake-model-server");
                t.setDaemon(true);
                return t;
            });
            FakeModelServer fake = new FakeModelServer(server, executor);
            server.createContext("/", fake::handle);
            server.setExecutor(executor);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The base URL an OpenAI client takes: {@code http://127.0.0.1:<port>/v1}. */
    public String openAiBaseUrl() {
        return url() + "/v1";
    }

    /** The base URL of the Codex backend as the fake serves it: {@code http://127.0.0.1:<port>/backend-api/codex}. */
    public String codexBaseUrl() {
        return url() + "/backend-api/codex";
    }

    /** Adds replies to the end of the script. */
    public FakeModelServer enqueue(ModelReply... replies) {
        script.addAll(Arrays.asList(replies));
        return this;
    }

    /** Every request received so far, oldest first. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The most recent request; fails when there was none. */
    public RecordedRequest lastRequest() {
        List<RecordedRequest> all = requests();
        if (all.isEmpty()) {
            throw new AssertionError("the fake model server received no request");
        }
        return all.get(all.size() - 1);
    }

    /** Forgets the script and the recorded requests, for a server shared by several tests. */
    public void reset() {
        script.clear();
        requests.clear();
    }

    /** Replies not served yet. */
    public int remaining() {
        return script.size();
    }

    /** Stops at once; replies still waiting out a delay are cut off. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            requests.add(new RecordedRequest(exchange.getRequestMethod(), path,
                    Map.copyOf(exchange.getRequestHeaders()), body));
            ModelReply reply = endpoint(path) == null ? null : script.poll();
            Rendered rendered = reply == null
                    ? unscripted(exchange.getRequestMethod(), path)
                    : render(reply, path, parse(body), served.incrementAndGet());
            if (reply != null && !reply.delay().isZero()) {
                Thread.sleep(reply.delay().toMillis());
            }
            send(exchange, reply == null ? Map.of() : reply.headers(), rendered);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away (it timed out, or gave up on a stream): nothing left to answer
        }
    }

    /** {@code chat} or {@code responses}, or {@code null} for a path the fake does not serve. */
    private static String endpoint(String path) {
        if (path.endsWith("/chat/completions")) {
            return "chat";
        }
        return path.endsWith("/responses") ? "responses" : null;
    }

    private static Rendered render(ModelReply reply, String path, JsonNode request, int sequence) {
        if (reply.kind() == ModelReply.Kind.RAW) {
            return new Rendered(reply.status(), reply.contentType(), List.of(reply.rawBody()));
        }
        return "chat".equals(endpoint(path))
                ? ChatCompletionsFormat.render(reply, request, sequence)
                : ResponsesFormat.render(reply, request, sequence);
    }

    private static Rendered unscripted(String method, String path) {
        if (endpoint(path) == null) {
            return Rendered.json(404, Rendered.errorBody(404, "unknown_url", "fake model server: no endpoint "
                    + method + " " + path + " (it serves …/chat/completions and …/responses)"));
        }
        return Rendered.json(400, Rendered.errorBody(400, "no_reply_left", NO_REPLY_LEFT + " for " + method + " "
                + path));
    }

    private static JsonNode parse(String body) {
        try {
            return body.isBlank() ? MissingNode.getInstance() : Rendered.JSON.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private static void send(HttpExchange exchange, Map<String, String> headers, Rendered rendered)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", rendered.contentType());
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        boolean streamed = rendered.contentType().startsWith("text/event-stream");
        if (streamed) {
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(rendered.status(), 0);
        } else {
            long length = rendered.parts().stream().mapToLong(p -> p.getBytes(StandardCharsets.UTF_8).length).sum();
            exchange.sendResponseHeaders(rendered.status(), length == 0 ? -1 : length);
        }
        OutputStream out = exchange.getResponseBody();
        for (String part : rendered.parts()) {
            out.write(part.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
}
