package io.carapulse.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The training run of {@code bin/assistantctl}'s class-data-sharing archive: runs the commonest
 * commands in this JVM against a stand-in server on a loopback port (empty listings, 404 for the rest),
 * so the archive holds what they load: the command tree, the HTTP exchange and its answer, Jackson, the
 * tables and the error path. Nothing leaves the machine; the output is thrown away.
 */
public final class ArchiveTraining {

    private static final String PAGE = "{\"items\":[],\"limit\":50,\"next\":null}";
    private static final String[][] COMMANDS = {
        {"--help"}, {"plan", "list"}, {"plan", "list", "-o", "json"}, {"plan", "show", "pln_training"},
        {"exec", "list"}, {"doctor", "-o", "json"},
    };

    private ArchiveTraining() {
    }

    public static void main(String[] args) throws IOException {
        run();
        System.exit(0);
    }

    /** Runs the commands; answers their exit codes, in order. */
    static List<Integer> run() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ArchiveTraining::answer);
        server.start();
        Path home = Files.createTempDirectory("assistantctl-training");
        try {
            CliEnvironment.system(); // as Main does: the terminal check and the process environment
            // the token comes from the local token file, as on a server's own machine (reading it loads classes too)
            Files.writeString(home.resolve("token"), "cpt_training");
            CliEnvironment env = new CliEnvironment(Map.of(
                    "CARAPULSE_SERVER", "http://127.0.0.1:" + server.getAddress().getPort(),
                    "CARAPULSE_HOME", home.toString()), home, false, InputStream.nullInputStream());
            PrintWriter none = new PrintWriter(Writer.nullWriter());
            List<Integer> codes = new ArrayList<>();
            for (String[] command : COMMANDS) {
                CommandLine cmd = Main.commandLine(env, command);
                cmd.setOut(none);
                cmd.setErr(none);
                codes.add(cmd.execute(command));
            }
            return codes;
        } finally {
            server.stop(0);
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        boolean listing = path.equals("/v1/plans") || path.equals("/v1/executions");
        int status = listing || path.equals("/health") ? 200 : 404;
        byte[] body = (listing ? PAGE : status == 200 ? "{\"status\":\"UP\"}"
                : "{\"code\":\"not_found\",\"detail\":\"training\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
