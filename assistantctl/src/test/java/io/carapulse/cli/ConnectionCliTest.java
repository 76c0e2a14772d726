package io.carapulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.cli.support.Ctl;
import io.carapulse.cli.support.TestServer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** Finding the server and the token: flags, variables, contexts, and the local server's token file. */
class ConnectionCliTest {

    private final TestServer server = TestServer.shared();

    @Test
    void shouldUseTheLocalServersTokenFileWithNoSetUp() {
        Ctl.Result me = Ctl.localTo(server).run("doctor", "-o", "json", "--verbose");
        assertThat(me.code()).as(me.toString()).isZero();
        assertThat(me.err()).contains("token from local token file " + server.home().resolve("token"));
        JsonNode identity = me.json().get("checks").findParents("check").stream()
                .filter(c -> c.get("check").asText().equals("identity")).findFirst().orElseThrow();
        assertThat(identity.get("detail").asText()).contains("local-admin", "roles admin");
    }

    @Test
    void shouldFindTheTokenFileUnderATildeCarapulseHome() throws Exception {
        Ctl user = Ctl.fresh();
        Path home = user.userHome().resolve("cp");
        Files.createDirectories(home);
        Files.copy(server.home().resolve("token"), home.resolve("token"));
        Ctl.Result r = user.with("CARAPULSE_HOME", "~/cp").with("CARAPULSE_SERVER", server.url()).run("tools", "list");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("fake");
    }

    @Test
    void shouldNeverSendTheLocalTokenToAnotherHost() {
        // the token file is there and readable, but the server is not on this machine
        io.carapulse.cli.connect.Connection c = new io.carapulse.cli.connect.ConnectionResolver(
                new CliEnvironment(java.util.Map.of("CARAPULSE_HOME", server.home().toString(),
                        "CARAPULSE_SERVER", "http://carapulse.example.invalid:9"), Path.of("/nonexistent"), false, System.in))
                .resolve(new GlobalOptions());
        assertThat(c.token()).isNull();
        assertThat(c.tokenFrom()).isEqualTo("none");
        assertThat(new io.carapulse.cli.connect.ConnectionResolver(new CliEnvironment(java.util.Map.of(
                "CARAPULSE_HOME", server.home().toString(), "CARAPULSE_SERVER", "http://[::1]:9"), Path.of("/nonexistent"),
                false, System.in)).resolve(new GlobalOptions()).token()).isNotNull();
    }

    @Test
    void shouldSwitchBetweenContextsAndNeverPrintTheirTokens() throws Exception {
        String token = Files.readString(server.home().resolve("token")).strip();
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Ctl user = Ctl.fresh().with("CARAPULSE_HOME", Files.createTempDirectory("cli-home-").toString());
        Path tokenFile = user.userHome().resolve("local.token");
        Files.writeString(tokenFile, token + "\n");

        assertThat(user.run("config", "set-context", "local", "--server", server.url(), "--token-file",
                tokenFile.toString()).code()).isZero();
        assertThat(user.withStdin(token + "\n").run("config", "set-context", "inline", "--server", server.url(),
                "--token-stdin").code()).isZero();
        assertThat(user.run("config", "set-context", "gone", "--server", "http://127.0.0.1:" + closed,
                "--token-env", "GONE_TOKEN").code()).isZero();

        Ctl.Result listed = user.run("config", "get-contexts");
        assertThat(listed.out()).contains("*         local", "file:" + tokenFile, "env:GONE_TOKEN", "inline (hidden)")
                .doesNotContain(token);
        assertThat(user.run("config", "get-contexts", "-o", "yaml").out()).doesNotContain(token);
        assertThat(user.run("config", "use-context", "inline").out()).contains("current context: inline");

        // the current context is used without any flag
        assertThat(user.run("tools", "list").code()).isZero();
        // --context picks another for one call; its variable is not set
        Ctl.Result gone = user.run("tools", "list", "--context", "gone");
        assertThat(gone.code()).isEqualTo(ExitCode.UNAUTHENTICATED.code());
        assertThat(gone.err()).contains("$GONE_TOKEN, which is not set");
        Ctl.Result unreachable = user.with("GONE_TOKEN", "cpt_x").run("tools", "list", "--context", "gone");
        assertThat(unreachable.code()).isEqualTo(ExitCode.UNREACHABLE.code());
        // flags and variables win over the context
        assertThat(user.with("CARAPULSE_SERVER", "http://127.0.0.1:" + closed).run("tools", "list").code())
                .isEqualTo(ExitCode.UNREACHABLE.code());
        assertThat(user.run("tools", "list", "--token", "cpt_" + "y".repeat(43)).code())
                .isEqualTo(ExitCode.UNAUTHENTICATED.code());

        assertThat(user.run("config", "use-context", "nope").code()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(user.run("tools", "list", "--context", "nope").code()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(user.run("config", "delete-context", "gone").code()).isZero();
        assertThat(user.run("config", "get-contexts", "-o", "json").json().findValuesAsText("name"))
                .containsExactly("local", "inline");

        Path file = Path.of(user.run("config", "set-context", "local", "--use").out().replaceAll(".* in ", "").strip());
        assertThat(Files.readString(file)).contains("current-context: local");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
