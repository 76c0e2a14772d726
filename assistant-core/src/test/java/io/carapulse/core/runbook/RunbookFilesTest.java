package io.carapulse.core.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.TestHttp;
import io.carapulse.core.token.TokenService;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Runbooks kept as YAML files in a directory (a GitOps checkout): read at start, a changed file is a
 * new version, an invalid file changes nothing and is listed with its problems, a removed file takes
 * its runbook out of the catalog, and a file may replace a built-in of the same name (which comes back
 * when the file goes).
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunbookFilesTest implements TestPropertyProvider {

    @Inject EmbeddedServer server;
    @Inject TokenService tokens;
    @Inject RunbookSources sources;

    private Path dir;

    @Override
    public Map<String, String> getProperties() {
        try {
            dir = Files.createTempDirectory("carapulse-runbooks");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("carapulse.testkit.fake-tools", "true",
                "carapulse.runbooks.directories", dir.toString(),
                "carapulse.runbooks.reload-interval", "1h");
    }

    private static String echo(String name, String text) {
        return String.join("\n",
                "name: " + name,
                "description: Echo something",
                "summary: Echo",
                "steps:",
                "  - tool: fake",
                "    action: echo",
                "    args: {text: " + text + "}",
                "");
    }

    @Test
    void shouldFollowTheFilesOfARunbookDirectory() throws Exception {
        TestHttp http = new TestHttp(server.getURL());
        String viewer = tokens.create(Actor.SYSTEM, "files-viewer", List.of("viewer")).token();
        String admin = tokens.create(Actor.SYSTEM, "files-admin", List.of("admin")).token();

        Path file = Files.writeString(dir.resolve("echo-hello.yaml"), echo("echo-hello", "hello"));
        sources.load();
        JsonNode first = http.get("/v1/runbooks/echo-hello", viewer).json();
        assertThat(first.get("source").asText()).isEqualTo("file");
        assertThat(first.get("location").asText()).isEqualTo(file.toString());
        assertThat(first.get("version").asInt()).isEqualTo(1);

        sources.load();
        assertThat(http.get("/v1/runbooks/echo-hello", viewer).json().get("version").asInt())
                .as("reading the same content again changes nothing").isEqualTo(1);

        Files.writeString(file, echo("echo-hello", "hello again"));
        sources.load();
        assertThat(http.get("/v1/runbooks/echo-hello", viewer).json().get("version").asInt()).isEqualTo(2);

        // a broken edit: the last good version stays, the problem is listed with the file and the path
        Files.writeString(file, echo("echo-hello", "\"${params.missing}\""));
        sources.load();
        assertThat(http.get("/v1/runbooks/echo-hello", viewer).json().get("version").asInt()).isEqualTo(2);
        JsonNode problems = http.get("/v1/runbooks/problems", viewer).json();
        assertThat(problems.get(file.toString()).get(0).asText())
                .isEqualTo("steps[0].args.text: no parameter 'missing' is declared");

        // the API cannot change a runbook a file defines
        TestHttp.Response api = http.send("POST", "/v1/runbooks", admin, "application/yaml", echo("echo-hello", "api"));
        assertThat(api.status()).isEqualTo(409);
        assertThat(api.body()).contains("by the file " + file);

        // a file replaces a built-in of the same name; removing it brings the built-in back
        Path override = Files.writeString(dir.resolve("restart.yml"), echo("restart-workload", "overridden"));
        Files.delete(file);
        sources.load();
        assertThat(http.get("/v1/runbooks/problems", viewer).json().size()).isZero();
        assertThat(http.get("/v1/runbooks/echo-hello", viewer).status()).isEqualTo(404);
        JsonNode replaced = http.get("/v1/runbooks/restart-workload", viewer).json();
        assertThat(replaced.get("source").asText()).isEqualTo("file");
        int replacedVersion = replaced.get("version").asInt();

        Files.delete(override);
        sources.load();
        JsonNode back = http.get("/v1/runbooks/restart-workload", viewer).json();
        assertThat(back.get("source").asText()).isEqualTo("builtin");
        assertThat(back.get("version").asInt()).isEqualTo(replacedVersion + 1);
        assertThat(back.get("steps").get(0).get("action").asText()).isEqualTo("rollout-restart");

        // a file restored with the content it had is runnable again, as the version it was
        Files.writeString(dir.resolve("echo-hello.yaml"), echo("echo-hello", "hello again"));
        sources.load();
        assertThat(http.get("/v1/runbooks/echo-hello", viewer).json().get("version").asInt()).isEqualTo(2);

        Files.writeString(dir.resolve("twin.yaml"), echo("echo-hello", "twin"));
        sources.load();
        assertThat(http.get("/v1/runbooks/problems", viewer).json().get(dir.resolve("twin.yaml").toString()).get(0).asText())
                .contains("is also defined by " + dir.resolve("echo-hello.yaml"));
    }
}
