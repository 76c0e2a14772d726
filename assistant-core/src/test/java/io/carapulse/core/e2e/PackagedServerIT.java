package io.carapulse.core.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged server as a user runs it: {@code bin/carapulse-server} from the README, as a separate
 * process, with its own home directory. The testkit jar is added to its classpath (the launcher's
 * {@code CARAPULSE_CLASSPATH}) so the fake tool gives it something to run.
 */
class PackagedServerIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Path home;
    private Path log;
    private PackagedServer server;

    @BeforeEach
    void setUp() throws IOException {
        home = Files.createTempDirectory("carapulse-e2e");
        server = new PackagedServer(home);
        log = server.log;
    }

    @AfterEach
    void tearDown() throws Exception {
        server.stop();
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void shouldDriveAPlanThroughTheApiOfThePackagedServer() throws Exception {
        server.start(Map.of());
        Path tokenFile = home.resolve("token");
        assertThat(Files.getPosixFilePermissions(tokenFile))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        String token = Files.readString(tokenFile).trim();
        assertThat(Files.readString(log)).contains(tokenFile.toString()).doesNotContain(token);

        assertThat(server.call("GET", "/health", null, null).statusCode()).isEqualTo(200);
        assertThat(server.call("GET", "/v1/tools", null, null).statusCode()).isEqualTo(401);
        assertThat(json(server.call("GET", "/v1/tools", token, null)).findValuesAsText("qualifiedName")).contains("fake.sleep");

        JsonNode plan = json(server.call("POST", "/v1/plans", token,
                "{\"environment\":\"dev\",\"summary\":\"e2e\",\"steps\":[{\"tool\":\"fake\",\"action\":\"sleep\","
                        + "\"args\":{\"millis\":200}},{\"tool\":\"fake\",\"action\":\"echo\",\"args\":{\"text\":\"done\"}}]}"));
        String planId = plan.get("id").asText();
        assertThat(plan.get("status").asText()).isEqualTo("AWAITING_APPROVAL");
        assertThat(plan.get("steps").get(0).get("class").asText()).isEqualTo("WRITE");

        HttpResponse<String> refused = server.call("POST", "/v1/plans/" + planId + "/execute", token, null);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(json(refused).get("code").asText()).isEqualTo("approval_required");

        assertThat(server.call("POST", "/v1/plans/" + planId + "/approval", token, "{\"decision\":\"approve\"}").statusCode())
                .isEqualTo(200);
        HttpResponse<String> accepted = server.call("POST", "/v1/plans/" + planId + "/execute", token, null);
        assertThat(accepted.statusCode()).isEqualTo(202);
        String executionId = json(accepted).get("executionId").asText();

        JsonNode done = await(token, executionId, e -> e.get("status").asText().equals("SUCCEEDED"));
        assertThat(done.get("steps")).hasSize(2);
        JsonNode evidence = json(server.call("GET", "/v1/executions/" + executionId + "/evidence", token, null));
        assertThat(evidence).hasSize(2);
        assertThat(evidence.get(1).get("excerpt").asText()).isEqualTo("done");

        String events = server.call("GET", "/v1/executions/" + executionId + "/events", token, null).body();
        assertThat(events).contains("event: step.started", "event: step.finished").endsWith("\n")
                .contains("event: execution.finished");
        assertThat(json(server.call("GET", "/v1/audit/verify", token, null)).get("ok").asBoolean()).isTrue();
        // the launcher recorded its start-up class archive and the server runs with it mapped
        assertThat(mappedFiles(server.process)).anyMatch(f -> f.matches(".*/assistant-core/target/cds/server-[0-9]+\\.(jsa|aot)"));
    }

    @Test
    void shouldStartOnJdk25WithTheAheadOfTimeCacheItRecorded() throws Exception {
        Path jdk25 = TestMachine.jdk(25).orElse(null);
        Assumptions.assumeTrue(jdk25 != null, "no JDK 25 or newer on this machine (looked in /usr/lib/jvm)");
        server.start(Map.of("JAVA_HOME", jdk25.toString()));
        String token = Files.readString(home.resolve("token")).trim();
        assertThat(json(server.call("GET", "/v1/tools", token, null)).findValuesAsText("qualifiedName")).contains("fake.echo");
        assertThat(mappedFiles(server.process)).anyMatch(f -> f.matches(".*/assistant-core/target/cds/server-[0-9]+\\.aot"));
        assertThat(Files.readString(log)).doesNotContain("][aot", "][cds", "Exception");
    }

    @Test
    void shouldHoldAWriteThatWasRunningWhenTheServerWasKilled() throws Exception {
        server.start(Map.of());
        String token = Files.readString(home.resolve("token")).trim();
        String planId = json(server.call("POST", "/v1/plans", token,
                "{\"environment\":\"dev\",\"summary\":\"long write\",\"steps\":[{\"tool\":\"fake\",\"action\":\"sleep\","
                        + "\"args\":{\"millis\":120000}}]}")).get("id").asText();
        server.call("POST", "/v1/plans/" + planId + "/approval", token, "{\"decision\":\"approve\"}");
        String executionId = json(server.call("POST", "/v1/plans/" + planId + "/execute", token, null))
                .get("executionId").asText();
        await(token, executionId, e -> e.get("steps").get(0).get("status").asText().equals("RUNNING"));

        server.process.destroyForcibly().waitFor();
        server.start(Map.of());

        JsonNode held = await(token, executionId, e -> e.get("status").asText().equals("HELD"));
        assertThat(held.get("steps").get(0).get("status").asText()).isEqualTo("UNKNOWN");
        assertThat(held.get("steps").get(0).get("attempt").asInt()).isEqualTo(1);
    }

    private JsonNode await(String token, String executionId, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = json(server.call("GET", "/v1/executions/" + executionId, token, null));
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("execution never reached the expected state; last: " + last);
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    /** The files a process has mapped ({@code /proc/PID/maps}); the launcher execs java, so the pid is java's. */
    private static Set<String> mappedFiles(Process p) throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(p.pid()), "maps"))) {
            return lines.map(l -> l.split("\\s+", 6)).filter(f -> f.length == 6 && f[5].startsWith("/"))
                    .map(f -> f[5]).collect(Collectors.toSet());
        }
    }


}
