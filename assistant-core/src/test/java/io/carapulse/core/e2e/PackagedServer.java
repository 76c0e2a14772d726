package io.carapulse.core.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/carapulse-server} as a user starts it, as its own process with its own home directory and
 * port; the testkit jar on its classpath ({@code CARAPULSE_CLASSPATH}) gives it the fake tool.
 */
final class PackagedServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final Path home;
    final Path log;
    final int port;
    Process process;

    PackagedServer(Path home) throws IOException {
        this.home = home;
        this.log = home.resolve("server.log");
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
    }

    /** Starts the launcher with {@code env} added, and waits until {@code /health} answers 200. */
    PackagedServer start(Map<String, String> env) throws Exception {
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        ProcessBuilder pb = new ProcessBuilder(root.resolve("bin/carapulse-server").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("CARAPULSE_HOME", home.toString());
        pb.environment().put("CARAPULSE_PORT", Integer.toString(port));
        pb.environment().put("CARAPULSE_SKIP_BUILD", "true"); // this Maven run just packaged the jar
        pb.environment().put("CARAPULSE_CLASSPATH", System.getProperty("carapulse.testkit.jar"));
        pb.environment().put("CARAPULSE_TESTKIT_FAKE_TOOLS", "true");
        pb.environment().put("CARAPULSE_EXECUTOR_HEARTBEAT", "1s");
        pb.environment().put("CARAPULSE_EXECUTOR_POLL_INTERVAL", "500ms");
        pb.environment().putAll(env);
        process = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos(); // a first start records its archive
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("server exited early:%n%s", Files.readString(log)).isTrue();
            try {
                if (call("GET", "/health", null, null).statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("server did not become healthy:\n" + Files.readString(log));
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** The local admin token the server wrote to its home. */
    String adminToken() throws IOException {
        return Files.readString(home.resolve("token")).trim();
    }

    HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String method, String path, String token, String body) throws Exception {
        return JSON.readTree(call(method, path, token, body).body());
    }

    /** Kills the server at once (SIGKILL), as a crashed machine would stop it: nothing runs its shutdown. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
    }

    /** The server's process id (the launcher execs the JVM: the same process). */
    long pid() {
        return process.pid();
    }

    /**
     * Sends SIGTERM and waits up to {@code within} for the process to exit (a graceful stop drains
     * first); returns its exit status, or -1 if it was still running (it is then killed).
     */
    int terminate(Duration within) throws InterruptedException {
        process.destroy();
        if (process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        process.destroyForcibly().waitFor();
        return -1;
    }

    /** Stops the server (SIGTERM, then SIGKILL after 30 s). */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
