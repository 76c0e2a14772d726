package io.carapulse.tools.github;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.testkit.cli.FakeBinary;
import io.carapulse.testkit.tool.RecordingToolContext;
import io.carapulse.tools.process.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * S4 canaries with a GitHub App: the installation token, the app's JWT and its private key never appear in
 * argv, results (output, data, evidence, command), events, exceptions or logs (logback and the
 * java.util.logging GitHub API for Java writes to, at their most verbose), on either transport, whatever the
 * CLI prints and whatever GitHub answers.
 */
class GitHubCanariesTest {

    static final String INSTALLATION_TOKEN = "canary-installation-token-c0ffee42";
    static final String EXCHANGE = GitHubStubs.PREFIX + "/app/installations/7890123/access_tokens";

    @TempDir
    Path dir;
    GitHubStubs stubs;
    TestKeys keys;
    String pem;
    ListAppender<ILoggingEvent> logback;
    List<String> jul = new ArrayList<>();
    Handler julHandler;
    Map<String, Level> levels = new LinkedHashMap<>();

    @BeforeEach
    void start() throws Exception {
        stubs = new GitHubStubs(null, INSTALLATION_TOKEN);
        keys = TestKeys.generate();
        pem = keys.pkcs1Pem();
        Files.writeString(dir.resolve("app.pem"), pem);
        stubs.server().stubFor(post(urlPathEqualTo(EXCHANGE)).willReturn(GitHubStubs.json(201, GitHubStubs.object()
                .put("token", INSTALLATION_TOKEN).put("expires_at", "2099-01-01T00:00:00Z"))).atPriority(1));
        stubs.repo();
        logback = new ListAppender<>();
        logback.start();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(logback);
        for (String name : List.of(Logger.ROOT_LOGGER_NAME, "io.carapulse", "org.kohsuke")) {
            Logger l = (Logger) LoggerFactory.getLogger(name);
            levels.put(name, l.getLevel());
            l.setLevel(Level.TRACE);
        }
        julHandler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                jul.add(r.getMessage() + " " + (r.getParameters() == null ? "" : List.of(r.getParameters()))
                        + (r.getThrown() == null ? "" : " " + r.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        julHandler.setLevel(java.util.logging.Level.ALL);
        java.util.logging.Logger kohsuke = java.util.logging.Logger.getLogger("org.kohsuke.github");
        kohsuke.setLevel(java.util.logging.Level.ALL);
        kohsuke.addHandler(julHandler);
    }

    @AfterEach
    void stop() {
        stubs.close();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logback);
        levels.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
        java.util.logging.Logger kohsuke = java.util.logging.Logger.getLogger("org.kohsuke.github");
        kohsuke.removeHandler(julHandler);
        kohsuke.setLevel(null);
    }

    GitHubAdapter adapter(Path ghPath) {
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("app-id", "123456");
        app.put("installation-id", "7890123");
        app.put("private-key", "file:" + dir.resolve("app.pem"));
        return new GitHubAdapter(GitHubWorld.runtime(GitHubWorld.section("github.example.com", stubs.apiUrl(),
                Map.of("app", app), List.of()), ghPath, new ProcessRunner(), Clock.systemUTC(), Map.<String, String>of()::get,
                Map.of()));
    }

    static final Map<String, String> CALLS = Map.of(
            "pr-get", "{\"repo\": \"acme/web\", \"number\": 7}",
            "file-get", "{\"repo\": \"acme/web\", \"path\": \"helm/values/prod/web.yaml\"}",
            "pr-comment", "{\"repo\": \"acme/web\", \"number\": 7, \"body\": \"done\"}",
            "pr-close", "{\"repo\": \"acme/web\", \"head\": \"carapulse/x\", \"deleteBranch\": true}",
            "workflow-dispatch", "{\"repo\": \"acme/web\", \"workflow\": \"deploy.yml\", \"ref\": \"main\"}");

    /** Runs every call and gathers all it let out. */
    List<String> runAll(GitHubAdapter adapter) {
        List<String> surfaced = new ArrayList<>();
        CALLS.forEach((action, args) -> {
            ToolAction a = GitHubWorld.action(adapter, action);
            RecordingToolContext context = GitHubWorld.context();
            try {
                surfaced.add(render(a.execute(GitHubWorld.call(action, args), context)));
            } catch (ToolException e) {
                surfaced.add(e.getMessage() + " " + e.partial().map(GitHubCanariesTest::render).orElse(""));
            } catch (RetriableToolException e) {
                surfaced.add(e.getMessage() + " " + e.partial().map(GitHubCanariesTest::render).orElse(""));
            }
            surfaced.addAll(context.lines());
        });
        logback.list.forEach(e -> surfaced.add(e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                : " " + e.getThrowableProxy().getMessage())));
        surfaced.addAll(jul);
        return surfaced;
    }

    static String render(ToolResult r) {
        return String.join(" ", r.command()) + "\n" + r.output() + "\n" + r.data() + "\n" + r.externalIds();
    }

    void assertNoCanary(List<String> surfaced) {
        String jwt = stubs.requests().stream().filter(r -> r.getUrl().equals(EXCHANGE)).findFirst().orElseThrow()
                .getHeader("Authorization").substring("Bearer ".length());
        List<String> canaries = new ArrayList<>(List.of(INSTALLATION_TOKEN, jwt, jwt.split("\\.")[2]));
        canaries.addAll(List.of(keys.bodyLines(pem)));
        canaries.addAll(List.of(keys.bodyLines(keys.pkcs8Pem())));
        for (String text : surfaced) {
            assertThat(text).doesNotContain(canaries);
        }
    }

    @Test
    void theCliPathShouldNeverLetTheInstallationTokenTheJwtOrTheKeyOut() {
        FakeBinary gh = FakeBinary.builder(dir.resolve("gh"), "gh").stdout("{}\n").printVariable("GH_TOKEN")
                .printVariable("GH_ENTERPRISE_TOKEN").printFileOf("GH_CONFIG_DIR").build();
        List<String> surfaced = runAll(adapter(gh.directory()));
        assertThat(gh.printedLeases()).as("the fake printed the token (else this proves nothing)")
                .contains(INSTALLATION_TOKEN);
        for (FakeBinary.Invocation call : gh.recorded()) {
            surfaced.add(String.join(" ", call.argv()));
            assertThat(call.env()).containsEntry("GH_TOKEN", INSTALLATION_TOKEN);
        }
        assertNoCanary(surfaced);
    }

    @Test
    void theSdkPathShouldNeverLetTheInstallationTokenTheJwtOrTheKeyOut() {
        List<String> surfaced = runAll(adapter(null));
        assertThat(stubs.requests().stream().filter(r -> "token ".concat(INSTALLATION_TOKEN)
                .equals(r.getHeader("Authorization")))).as("the token was used").isNotEmpty();
        assertThat(jul).as("GitHub API for Java logged at its most verbose").isNotEmpty();
        assertNoCanary(surfaced);
    }
}
