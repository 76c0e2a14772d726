package io.carapulse.cli.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.carapulse.cli.CliEnvironment;
import io.carapulse.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;

/**
 * Runs assistantctl in this JVM as a person would from a shell: its own environment variables and
 * home directory, output read through picocli's writers ({@code setOut}/{@code setErr}).
 */
public final class Ctl {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> env;
    private final Path userHome;
    private final String stdin;

    private Ctl(Map<String, String> env, Path userHome, String stdin) {
        this.env = Map.copyOf(env);
        this.userHome = userHome;
        this.stdin = stdin;
    }

    /** A user with an empty home and no Carapulse variables. */
    public static Ctl fresh() {
        try {
            return new Ctl(Map.of(), Files.createTempDirectory("cli-user-"), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A user on the server's machine: same CARAPULSE_HOME (its token file), the server's URL. */
    public static Ctl localTo(TestServer server) {
        return fresh().with("CARAPULSE_HOME", server.home().toString()).with("CARAPULSE_SERVER", server.url());
    }

    /** A user who talks to {@code server} with {@code token} and no local files. */
    public static Ctl as(TestServer server, String token) {
        return fresh().with("CARAPULSE_SERVER", server.url()).with("CARAPULSE_TOKEN", token);
    }

    public Ctl with(String variable, String value) {
        Map<String, String> next = new HashMap<>(env);
        next.put(variable, value);
        return new Ctl(next, userHome, stdin);
    }

    public Ctl withStdin(String text) {
        return new Ctl(env, userHome, text);
    }

    public Path userHome() {
        return userHome;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Starts the command in the background, its stdout readable while it runs. */
    public Running start(String... args) {
        LiveWriter out = new LiveWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(
                () -> execute(new PrintWriter(out), new PrintWriter(err), args));
        return new Running(out, err, code);
    }

    private int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cmd = Main.commandLine(new CliEnvironment(env, userHome, false,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))), args);
        cmd.setOut(out);
        cmd.setErr(err);
        int code = cmd.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** What one invocation left. */
    public record Result(int code, String out, String err) {
        public JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + out + "\nstderr: " + err, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** A command running in the background. */
    public record Running(LiveWriter out, StringWriter err, CompletableFuture<Integer> code) {
        public Result await() {
            return new Result(code.join(), out.text(), err.toString());
        }
    }
}
