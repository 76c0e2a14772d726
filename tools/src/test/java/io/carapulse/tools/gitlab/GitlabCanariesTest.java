package io.carapulse.tools.gitlab;

import static io.carapulse.tools.gitlab.GitlabShapes.COMMIT;
import static io.carapulse.tools.gitlab.GitlabShapes.HEAD;
import static io.carapulse.tools.gitlab.GitlabShapes.MR_SHA;
import static io.carapulse.tools.gitlab.GitlabShapes.P;
import static io.carapulse.tools.gitlab.GitlabShapes.PROJECT;
import static io.carapulse.tools.gitlab.GitlabShapes.VALUES;
import static io.carapulse.tools.gitlab.GitlabShapes.VALUES_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.api.tool.StepPreview;
import io.carapulse.api.tool.ToolAction;
import io.carapulse.api.tool.ToolCall;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.git.GitBlob;
import io.carapulse.tools.gitlab.GitlabHarness.Via;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * S4 with a canary token (one no redaction pattern knows): whatever the transport, and even with every
 * logger at its most verbose (JUL at ALL, logback at TRACE), the token never reaches argv, a result
 * (output, data, external ids, command), an exception's message or evidence, an emitted line, or a log
 * record; not even when GitLab's own error message repeats it.
 */
class GitlabCanariesTest {

    @TempDir
    Path dir;
    GitlabHarness gitlab;
    private final List<String> logged = new ArrayList<>();
    private final Logger julRoot = Logger.getLogger("");
    private java.util.logging.Level julLevel;
    private Handler jul;
    private ListAppender<ILoggingEvent> logback;
    private Level logbackLevel;

    @BeforeEach
    void start() {
        gitlab = new GitlabHarness(dir);
        julLevel = julRoot.getLevel();
        julRoot.setLevel(java.util.logging.Level.ALL);
        jul = new Handler() {
            @Override
            public synchronized void publish(LogRecord r) {
                String message = r.getMessage() == null ? "" : r.getMessage();
                if (r.getParameters() != null) {
                    for (Object p : r.getParameters()) {
                        message += " " + p;
                    }
                }
                logged.add(r.getLoggerName() + " " + message + (r.getThrown() == null ? "" : " " + r.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.setLevel(java.util.logging.Level.ALL);
        julRoot.addHandler(jul);
        ch.qos.logback.classic.Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory())
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logbackLevel = root.getLevel();
        root.setLevel(Level.TRACE);
        logback = new ListAppender<>();
        logback.start();
        root.addAppender(logback);
    }

    @AfterEach
    void stop() {
        julRoot.removeHandler(jul);
        julRoot.setLevel(julLevel);
        ch.qos.logback.classic.Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory())
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(logback);
        root.setLevel(logbackLevel);
        gitlab.close();
    }

    /** Log records of this process, but not those of the WireMock server, which logs what it received. */
    private List<String> logs() {
        List<String> all = new ArrayList<>();
        synchronized (jul) {
            logged.stream().filter(l -> !l.contains("wiremock") && !l.contains("tomakehurst")).forEach(all::add);
        }
        logback.list.stream().filter(e -> !e.getLoggerName().contains("wiremock")
                        && !e.getLoggerName().contains("tomakehurst"))
                .forEach(e -> all.add(e.getLoggerName() + " " + e.getFormattedMessage()));
        return all;
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void shouldNeverLetTheTokenSurfaceAnywhere(Via via) {
        byte[] values = VALUES.getBytes(StandardCharsets.UTF_8);
        gitlab.base(HEAD).prodTree(HEAD, GitBlob.sha1(values)).file(VALUES_PATH, HEAD, values)
                .noBranch("carapulse/exec-1-0");
        gitlab.stubs.ok("POST", P + "/repository/commits", GitlabShapes.createdCommit(COMMIT, "Bump"));
        gitlab.stubs.ok("POST", P + "/merge_requests", GitlabShapes.mergeRequest(7, "opened", COMMIT, null, null));
        // GitLab repeating the token in an error (a proxy's echo, a debug build): masked all the same
        gitlab.stubs.on("GET", P + "/merge_requests/9", Map.of(), 401, Map.of(),
                GitlabShapes.error("401 Unauthorized: token " + GitlabWorld.TOKEN + " is revoked"));
        StringBuilder surfaced = new StringBuilder();

        ToolCall propose = GitlabHarness.call("propose-change", "{\"repo\": \"" + PROJECT + "\", \"base\": \"main\","
                + " \"title\": \"Bump\", \"files\": {\"" + VALUES_PATH + "\": \"replicaCount: 3\\n\"}}");
        ToolAction action = gitlab.action(via, "propose-change");
        StepPreview preview = action.preview(propose, StepContext.step()).orElseThrow();
        StepContext context = StepContext.approved(preview);
        surfaced.append(preview.diff()).append(preview.basis()).append(render(action.execute(propose, context)));
        surfaced.append(String.join("\n", context.lines()));
        try {
            gitlab.action(via, "pr-get").execute(GitlabHarness.call("pr-get", "{\"repo\": \"" + PROJECT
                    + "\", \"number\": 9}"), StepContext.step());
            surfaced.append("pr-get did not fail");
        } catch (ToolException | RetriableToolException e) {
            surfaced.append(e.getMessage());
            (e instanceof ToolException te ? te.partial() : ((RetriableToolException) e).partial())
                    .ifPresent(p -> surfaced.append(render(p)));
            assertThat(e.getMessage()).contains("401");
        }

        assertThat(surfaced.toString()).contains(MR_SHA.substring(0, 0)).doesNotContain(GitlabWorld.TOKEN);
        assertThat(logs()).noneMatch(l -> l.contains(GitlabWorld.TOKEN));
        if (via == Via.CLI) {
            assertThat(gitlab.fake().calls()).isNotEmpty()
                    .allSatisfy(c -> assertThat(String.join(" ", c.argv())).doesNotContain(GitlabWorld.TOKEN));
        } else {
            assertThat(gitlab.stubs.all()).isNotEmpty().allSatisfy(r -> assertThat(r.getHeader("PRIVATE-TOKEN"))
                    .isEqualTo(GitlabWorld.TOKEN));
        }
    }

    private static String render(ToolResult r) {
        return String.join(" ", r.command()) + "\n" + r.output() + "\n" + r.data() + "\n" + r.externalIds() + "\n";
    }
}
