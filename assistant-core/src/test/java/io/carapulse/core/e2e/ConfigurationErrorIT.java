package io.carapulse.core.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packaged server ({@code bin/carapulse-server}) given a setting that cannot work: it stops before
 * it touches the database, with exit status 2 and one line on standard error that names the setting
 * and never shows its value, and no stack trace anywhere.
 */
class ConfigurationErrorIT {

    private Path home;
    private int port;

    @BeforeEach
    void setUp() throws IOException {
        home = Files.createTempDirectory("carapulse-config-e2e");
        port = freePort();
    }

    @AfterEach
    void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // variable | value | the setting the line must start with
        "CARAPULSE_LLM_API_KEY|sk-proj-canaryE2E0001 sk-proj-canaryE2E0001|carapulse.llm.api-key (CARAPULSE_LLM_API_KEY): holds the secret itself",
        "CARAPULSE_LLM_API_KEY|env:CARAPULSE_E2E_NO_SUCH_VARIABLE|carapulse.llm.api-key (CARAPULSE_LLM_API_KEY): env:CARAPULSE_E2E_NO_SUCH_VARIABLE is not set",
        "CARAPULSE_EXECUTOR_POLL_INTERVAL|2 seconds|carapulse.executor.poll-interval (CARAPULSE_EXECUTOR_POLL_INTERVAL): must be a duration",
        "CARAPULSE_DB_LOCK_TIMEOUT_MS|30s|CARAPULSE_DB_LOCK_TIMEOUT_MS: must be a whole number",
        // found by a component (how settings fit together), not by the check: still one line, before the database
        "CARAPULSE_AUTH_OIDC_ISSUER|https://sso.example.com/realms/canary|carapulse.auth.oidc.audience (CARAPULSE_AUTH_OIDC_AUDIENCE) is required",
    })
    void shouldStopWithOneLineNamingTheSettingBeforeTheDatabaseIsTouched(String variable, String value, String expected)
            throws Exception {
        Run run = run(Map.of(variable, value));

        assertThat(run.exitCode()).as("exit status; stderr: %s", run.stderr()).isEqualTo(2);
        List<String> lines = run.stderr().lines().toList();
        assertThat(lines).singleElement().asString().startsWith("carapulse: configuration error: " + expected);
        if (!value.startsWith("env:")) {
            assertThat(run.stderr() + run.stdout()).doesNotContain(value).doesNotContain("canary");
        }
        assertThat(run.stderr() + run.stdout()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(home.resolve("data")).doesNotExist(); // no migration ran: the H2 database was not created
        assertThat(home.resolve("token")).doesNotExist();
    }

    @Test
    void shouldStopWithOneLineWhenTheDatabaseCannotBeReached() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + freePort() + "/carapulse";
        Run run = run(Map.of("CARAPULSE_DB_URL", url, "CARAPULSE_DB_USER", "carapulse",
                "CARAPULSE_DB_PASSWORD", "canary-db-password-0001"));

        assertThat(run.exitCode()).as("exit status; stderr: %s", run.stderr()).isEqualTo(3);
        assertThat(run.stderr().lines().filter(l -> l.startsWith("carapulse: ")).toList()).singleElement().asString()
                .startsWith("carapulse: cannot use the database (datasources.default.url, CARAPULSE_DB_URL): Connection to 127.0.0.1:")
                .contains("refused");
        assertThat(run.stderr() + run.stdout()).doesNotContain("canary").doesNotContain("\tat ");
    }

    @Test
    void shouldLeaveAnExistingDatabaseAsItWas() throws Exception {
        Process good = start(Map.of());
        try {
            awaitHealthy(good);
        } finally {
            good.destroy();
            if (!good.waitFor(30, TimeUnit.SECONDS)) {
                good.destroyForcibly().waitFor();
            }
        }
        Map<String, String> before = fingerprint(home.resolve("data"));
        assertThat(before).isNotEmpty();

        Run run = run(Map.of("CARAPULSE_LLM_API_KEY", "sk-proj-canaryE2E0002"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().lines().toList()).singleElement().asString()
                .startsWith("carapulse: configuration error: carapulse.llm.api-key (CARAPULSE_LLM_API_KEY)");
        assertThat(fingerprint(home.resolve("data"))).isEqualTo(before);
    }

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private Run run(Map<String, String> env) throws Exception {
        Path out = home.resolve("stdout.txt");
        Path err = home.resolve("stderr.txt");
        Process p = start(env, out, err);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("the server kept running: " + Files.readString(out));
        }
        Run run = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return run;
    }

    private Process start(Map<String, String> env) throws IOException {
        return start(env, home.resolve("server.log"), home.resolve("server.log"));
    }

    private Process start(Map<String, String> env, Path out, Path err) throws IOException {
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        ProcessBuilder pb = new ProcessBuilder(root.resolve("bin/carapulse-server").toString());
        if (out.equals(err)) {
            pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
        } else {
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        }
        // only what this test sets: nothing of the machine's own Carapulse or OpenAI settings
        pb.environment().keySet().removeIf(k -> k.startsWith("CARAPULSE_") || k.startsWith("OPENAI_")
                || k.startsWith("DATASOURCES_") || k.startsWith("MICRONAUT_"));
        pb.environment().put("HOME", home.toString());
        pb.environment().put("CARAPULSE_HOME", home.toString());
        pb.environment().put("CARAPULSE_PORT", Integer.toString(port));
        pb.environment().put("CARAPULSE_SKIP_BUILD", "true"); // this Maven run just packaged the jar
        pb.environment().put("CARAPULSE_CDS", "false"); // no training start: its progress line would be on stderr
        pb.environment().putAll(env);
        return pb.start();
    }

    private void awaitHealthy(Process server) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(server.isAlive()).as("server exited early").isTrue();
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("server did not become healthy");
    }

    /** Every file under {@code dir} with the sha256 of its content. */
    private static Map<String, String> fingerprint(Path dir) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                byte[] sha = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
                files.put(dir.relativize(p).toString(), HexFormat.of().formatHex(sha));
            }
        }
        return files;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
