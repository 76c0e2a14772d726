package io.carapulse.cli;

import static io.carapulse.testkit.llm.ModelReply.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive chat driven the way a person drives it: {@code assistantctl chat} runs in a real
 * pseudo-terminal (a tmux pane), keys are typed into it, and the assertions read what the screen
 * shows — the streamed answer, the proposed plan's table, the approve and execute prompts, the
 * execution's live progress. CI installs tmux (.ci/run).
 */
class ChatTerminalTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aPersonChatsApprovesAndExecutesInATerminal(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tmux")), "tmux is not installed (.ci/run installs it)");
        Path key = Files.writeString(dir.resolve("key"), "sk-chat-terminal-test-not-real");
        try (FakeModelServer model = FakeModelServer.start();
             TestServer server = TestServer.dedicated(ChatCliTest.chatServer(model, key))) {
            String token = Ctl.localTo(server).run("token", "create", "tina", "--role", "operator,approver").out().strip();
            model.enqueue(
                    ModelReply.toolCalls(call("call_1", "fake_get", "{\"name\":\"web\"}")),
                    ModelReply.toolCalls(call("call_2", "propose_plan", "{\"summary\":\"scale web to 3\",\"steps\":"
                            + "[{\"tool\":\"fake\",\"action\":\"scale\",\"args\":{\"name\":\"web\",\"replicas\":3}}]}")),
                    ModelReply.text("web runs 2 replicas; ", "I proposed a plan to scale it to 3."));
            Path launcher = launcher(dir, server.url(), token);
            Tmux tmux = new Tmux("carapulse-chat-" + UUID.randomUUID());
            try {
                tmux.start(launcher);
                tmux.await("dev> ");
                tmux.type("scale web to 3");
                String screen = tmux.await("Approve pln_");
                assertThat(screen).contains("↳ fake_get", "✓ fake.get → SUCCEEDED",
                        "web runs 2 replicas; I proposed a plan to scale it to 3.", "fake.scale", "WRITE",
                        "AWAITING_APPROVAL");
                tmux.type("y");
                tmux.await("Execute pln_");
                tmux.type("y");
                screen = tmux.await("execution SUCCEEDED");
                assertThat(screen).contains("APPROVED", "fake.scale SUCCEEDED");
                tmux.type("/quit");
                tmux.awaitExit();
            } finally {
                tmux.kill();
            }
            assertThat(model.remaining()).isZero();
        }
    }

    /** A script that runs this build's assistantctl (the test class path) as a user of the server. */
    private static Path launcher(Path dir, String server, String token) throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path script = dir.resolve("assistantctl-chat");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(script, "#!/bin/bash\n"
                + "export HOME='" + home + "' TERM=xterm-256color CARAPULSE_SERVER='" + server + "'\n"
                + "export CARAPULSE_TOKEN='" + token + "'\n"
                + "exec '" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
                + Main.class.getName() + " chat --env dev\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /** One tmux server of the test's own (its own socket), one pane. */
    private static final class Tmux {
        private final String socket;

        Tmux(String socket) {
            this.socket = socket;
        }

        void start(Path command) throws Exception {
            run("new-session", "-d", "-s", "chat", "-x", "160", "-y", "60", command.toString());
            run("set-option", "-t", "chat", "remain-on-exit", "on");
        }

        void type(String text) throws Exception {
            run("send-keys", "-t", "chat", "-l", text);
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

        void awaitExit() throws Exception {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                if (run("display-message", "-p", "-t", "chat", "#{pane_dead}").strip().equals("1")) {
                    return;
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
