package io.carapulse.cli;

import static io.carapulse.testkit.llm.ModelReply.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.cli.support.Ctl;
import io.carapulse.cli.support.TestServer;
import io.carapulse.testkit.llm.FakeModelServer;
import io.carapulse.testkit.llm.ModelReply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive chat driven the way a person drives it: {@code assistantctl chat} runs in a real
 * pseudo-terminal (a tmux pane), keys are typed into it, and the assertions read what the screen
 * shows — the streamed answer, the runtime's footer, the proposed plan's table, the approve and
 * execute prompts, the execution's live progress — and its exit status. CI installs tmux (.ci/run).
 */
class ChatTerminalTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern APPROVE = Pattern.compile("Approve (pln_[0-9a-z]+)\\? Type ([0-9a-z]{8}) ");
    private static final String SCALE = "{\"summary\":\"scale web to 3\",\"steps\":"
            + "[{\"tool\":\"fake\",\"action\":\"scale\",\"args\":{\"name\":\"web\",\"replicas\":3}}]}";

    static FakeModelServer model;
    static TestServer server;
    static String token;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tmux")), "tmux is not installed (.ci/run installs it)");
        Path key = Files.writeString(dir.resolve("key"), "sk-chat-terminal-test-not-real");
        model = FakeModelServer.start();
        server = TestServer.dedicated(ChatCliTest.chatServer(model, key));
        token = Ctl.localTo(server).run("token", "create", "tina", "--role", "operator,approver").out().strip();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (model != null) {
            model.close();
        }
    }

    @BeforeEach
    void clean() {
        if (model != null) {
            model.reset();
        }
    }

    @Test
    void aPersonChatsApprovesByTypingThePlansCodeAndExecutesInATerminal(@TempDir Path dir) throws Exception {
        model.enqueue(
                ModelReply.toolCalls(call("call_1", "fake_get", "{\"name\":\"web\"}")),
                ModelReply.toolCalls(call("call_2", "propose_plan", SCALE)),
                ModelReply.text("web runs 2 replicas; ", "I proposed a plan to scale it to 3."));
        Tmux tmux = new Tmux("carapulse-chat-" + UUID.randomUUID());
        try {
            tmux.start(launcher(dir, server.url(), token));
            tmux.await("dev> ");
            tmux.type("scale web to 3");
            String screen = tmux.await("Approve pln_");
            assertThat(screen).contains("↳ fake_get", "✓ fake.get → SUCCEEDED",
                    "web runs 2 replicas; I proposed a plan to scale it to 3.", "fake.scale", "WRITE",
                    "AWAITING_APPROVAL");
            assertThat(screen).containsPattern("— runtime: no change was made; ran fake.get \\(SUCCEEDED\\); "
                    + "plan pln_[0-9a-z]+ awaits approval");
            Matcher approve = APPROVE.matcher(screen);
            assertThat(approve.find()).as(screen).isTrue();
            assertThat(approve.group(1)).endsWith(approve.group(2));
            tmux.type("y");
            tmux.await("not approved: 'y' is not " + approve.group(2));
            assertThat(plan(approve.group(1)).get("status").asText()).isEqualTo("AWAITING_APPROVAL");
            tmux.type("/quit");
            assertThat(tmux.awaitExit()).isZero();

            model.enqueue(ModelReply.toolCalls(call("call_3", "propose_plan", SCALE)), ModelReply.text("Proposed."));
            tmux.kill();
            tmux = new Tmux("carapulse-chat-" + UUID.randomUUID());
            tmux.start(launcher(dir, server.url(), token));
            tmux.await("dev> ");
            tmux.type("scale web to 3");
            approve = APPROVE.matcher(tmux.await("Approve pln_"));
            assertThat(approve.find()).isTrue();
            tmux.type(approve.group(2));
            tmux.await("Execute " + approve.group(1));
            tmux.type("y");
            screen = tmux.await("execution SUCCEEDED");
            assertThat(screen).contains("APPROVED", "fake.scale SUCCEEDED");
            tmux.type("/quit");
            assertThat(tmux.awaitExit()).isZero();
        } finally {
            tmux.kill();
        }
        assertThat(model.remaining()).isZero();
    }

    @Test
    void keysTypedWhileTheModelThinksAnswerNoQuestion(@TempDir Path dir) throws Exception {
        model.enqueue(
                ModelReply.toolCalls(call("call_1", "propose_plan", SCALE)).withDelay(Duration.ofSeconds(2)),
                ModelReply.text("I proposed a plan to scale web to 3."));
        Tmux tmux = new Tmux("carapulse-chat-" + UUID.randomUUID());
        try {
            tmux.start(launcher(dir, server.url(), token));
            tmux.await("dev> ");
            tmux.type("scale web to 3");
            tmux.await("thinking");
            tmux.type("y");
            tmux.type("y");
            Matcher approve = APPROVE.matcher(tmux.await("Approve pln_"));
            assertThat(approve.find()).isTrue();
            tmux.type("");
            tmux.await("It needs approval by someone else: assistantctl plan approve " + approve.group(1));
            tmux.type("/quit");
            assertThat(tmux.awaitExit()).isZero();
            JsonNode plan = plan(approve.group(1));
            assertThat(plan.get("status").asText()).isEqualTo("AWAITING_APPROVAL");
            assertThat(plan.hasNonNull("executionId")).isFalse();
            assertThat(model.requests()).as("the typed-ahead y was not sent as a message either").hasSize(2);
        } finally {
            tmux.kill();
        }
    }

    @Test
    void anExecutionStartedInChatThatFailsMakesChatExit10(@TempDir Path dir) throws Exception {
        model.enqueue(
                ModelReply.toolCalls(call("call_1", "propose_plan", "{\"summary\":\"try it\",\"steps\":"
                        + "[{\"tool\":\"fake\",\"action\":\"fail\",\"args\":{\"message\":\"boom\"}}]}")),
                ModelReply.text("I proposed a plan."),
                ModelReply.text("It failed with boom."));
        Tmux tmux = new Tmux("carapulse-chat-" + UUID.randomUUID());
        try {
            tmux.start(launcher(dir, server.url(), token));
            tmux.await("dev> ");
            tmux.type("try it");
            Matcher approve = APPROVE.matcher(tmux.await("Approve pln_"));
            assertThat(approve.find()).isTrue();
            tmux.type(approve.group(2));
            tmux.await("Execute " + approve.group(1));
            tmux.type("y");
            String screen = tmux.await("chat will exit 10 when you leave");
            assertThat(screen).contains("fake.fail FAILED");
            tmux.type("why?");
            tmux.await("It failed with boom.");
            tmux.type("/quit");
            assertThat(tmux.awaitExit()).isEqualTo(ExitCode.EXECUTION_FAILED.code());
        } finally {
            tmux.kill();
        }
    }

    private static JsonNode plan(String id) {
        return Ctl.as(server, token).run("plan", "show", id, "-o", "json").json();
    }

    /**
     * A script that runs this build's assistantctl (the test class path) as a user of the server and
     * writes its exit status next to itself, in {@code exit-status}.
     */
    private static Path launcher(Path dir, String server, String token) throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path script = dir.resolve("assistantctl-chat");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(script, "#!/bin/bash\n"
                + "export HOME='" + home + "' TERM=xterm-256color CARAPULSE_SERVER='" + server + "'\n"
                + "export CARAPULSE_TOKEN='" + token + "'\n"
                + "'" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
                + Main.class.getName() + " chat --env dev\n"
                + "echo $? > '" + dir.resolve("exit-status") + "'\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /** One tmux server of the test's own (its own socket), one pane. */
    private static final class Tmux {
        private final String socket;
        private Path exitStatus;

        Tmux(String socket) {
            this.socket = socket;
        }

        void start(Path command) throws Exception {
            exitStatus = command.resolveSibling("exit-status");
            Files.deleteIfExists(exitStatus);
            run("new-session", "-d", "-s", "chat", "-x", "160", "-y", "60", command.toString());
            run("set-option", "-t", "chat", "remain-on-exit", "on");
        }

        void type(String text) throws Exception {
            if (!text.isEmpty()) {
                run("send-keys", "-t", "chat", "-l", text);
            }
            run("send-keys", "-t", "chat", "Enter");
        }

        String screen() throws Exception {
            return run("capture-pane", "-p", "-J", "-S", "-200", "-t", "chat");
        }

        /** Waits until the screen shows {@code text}; returns the screen. */
        String await(String text) throws Exception {
            long deadline = System.nanoTime() + WAIT.toNanos();
            String screen = "";
            while (System.nanoTime() < deadline) {
                screen = screen();
                if (screen.contains(text)) {
                    return screen;
                }
                Thread.sleep(100);
            }
            throw new AssertionError("the screen never showed '" + text + "':\n" + screen);
        }

        /** Waits until the program in the pane has exited; returns its exit status. */
        int awaitExit() throws Exception {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                String status = Files.exists(exitStatus) ? Files.readString(exitStatus).strip() : "";
                if (!status.isEmpty()) {
                    return Integer.parseInt(status);
                }
                Thread.sleep(100);
            }
            throw new AssertionError("chat did not exit after /quit:\n" + screen());
        }

        void kill() {
            try {
                run("kill-server");
            } catch (Exception e) {
                // already gone
            }
        }

        private String run(String... args) throws Exception {
            List<String> argv = new ArrayList<>(List.of("/usr/bin/tmux", "-L", socket, "-f", "/dev/null"));
            argv.addAll(List.of(args));
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new AssertionError("tmux " + String.join(" ", args) + " failed: " + out);
            }
            return out;
        }
    }
}
