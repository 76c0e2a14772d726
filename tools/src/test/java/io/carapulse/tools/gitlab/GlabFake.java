package io.carapulse.tools.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.carapulse.testkit.cli.FakeBinary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A fake {@code glab} that answers {@code glab api [-R p] --method M --include [-H h --input f] <endpoint>} as
 * glab 1.53 does ({@code commands/api} of gitlab-org/cli): with {@code --include}, the status line
 * ({@code HTTP/2.0 200 OK}), the headers sorted, CRLF, a blank line, then the body as GitLab sent it; for a
 * status of 400 or more the same on stdout, then {@code glab: <message> (HTTP <status>)} on stderr (just
 * {@code glab: HTTP <status>} without a JSON message) and exit 1. Answers are chosen by method and endpoint
 * path (the query is ignored) from the {@link GitlabStubs.Reply replies} installed, and may be replaced between
 * calls. Every call is recorded ({@link FakeBinary}); the {@code --input} body is kept, as is whether
 * {@code GLAB_CONFIG_DIR} existed (and its mode) during the call.
 */
final class GlabFake {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final FakeBinary recorder;

    private GlabFake(Path dir, FakeBinary recorder) {
        this.dir = dir;
        this.recorder = recorder;
    }

    /** A fake under {@code dir} answering {@code replies}. */
    static GlabFake of(Path dir, List<GitlabStubs.Reply> replies) {
        try {
            FakeBinary recorder = FakeBinary.builder(dir.resolve("recorder"), "glab").build();
            Files.createDirectories(dir.resolve("replies"));
            Files.createDirectories(dir.resolve("bodies"));
            Path bin = Files.createDirectories(dir.resolve("bin"));
            String script = "#!/bin/bash\n"
                    + q(recorder.path()) + " \"$@\"\n"
                    + "method=GET; input=; endpoint=; prev=\n"
                    + "for a in \"$@\"; do\n"
                    + "  case \"$prev\" in --method) method=\"$a\";; --input) input=\"$a\";; esac\n"
                    + "  prev=\"$a\"; endpoint=\"$a\"\n"
                    + "done\n"
                    + "n=$(/bin/ls " + q(dir.resolve("bodies")) + " | /usr/bin/wc -l)\n"
                    + "if [ -n \"$input\" ]; then /bin/cp \"$input\" " + q(dir.resolve("bodies")) + "/$(printf '%04d' $n).json; fi\n"
                    + "if [ -n \"$GLAB_CONFIG_DIR\" ] && [ -d \"$GLAB_CONFIG_DIR\" ]; then /usr/bin/stat -c %a \"$GLAB_CONFIG_DIR\" > "
                    + q(dir.resolve("config-dir.mode")) + "; fi\n"
                    + "key=\"$method ${endpoint%%\\?*}\"; key=\"${key//[^A-Za-z0-9]/_}\"\n"
                    + "r=" + q(dir.resolve("replies")) + "/\"$key\"\n"
                    + "if [ -f \"$r.out\" ]; then /bin/cat \"$r.out\"; /bin/cat \"$r.err\" >&2; exit $(/bin/cat \"$r.code\"); fi\n"
                    + "printf 'HTTP/2.0 404 Not Found\\r\\nContent-Type: application/json\\r\\n\\r\\n{\"message\":\"404 Not Found\"}'\n"
                    + "echo 'glab: 404 Not Found (HTTP 404)' >&2\n"
                    + "exit 1\n";
            Path glab = Files.writeString(bin.resolve("glab"), script);
            Files.setPosixFilePermissions(glab, PosixFilePermissions.fromString("rwx------"));
            GlabFake fake = new GlabFake(dir, recorder);
            fake.install(replies);
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces (or adds) the answers. */
    void install(List<GitlabStubs.Reply> replies) {
        try {
            for (GitlabStubs.Reply r : replies) {
                String key = (r.method() + " " + r.path()).replaceAll("[^A-Za-z0-9]", "_");
                Path base = dir.resolve("replies").resolve(key);
                Files.writeString(Path.of(base + ".out"), include(r), StandardCharsets.UTF_8);
                Files.writeString(Path.of(base + ".err"), stderr(r), StandardCharsets.UTF_8);
                Files.writeString(Path.of(base + ".code"), r.status() >= 400 ? "1" : "0");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code glab api --include} prints on stdout for {@code r}. */
    static String include(GitlabStubs.Reply r) {
        StringBuilder out = new StringBuilder("HTTP/2.0 ").append(r.status()).append(' ').append(reason(r.status()))
                .append('\n');
        Map<String, String> headers = new TreeMap<>(r.headers());
        headers.put("Content-Type", "application/json");
        headers.put("Ratelimit-Limit", "2000");
        headers.put("X-Request-Id", "01HX9Q2V3K4M5N6P7Q8R9S0T1U");
        headers.forEach((k, v) -> out.append(k).append(": ").append(v).append("\r\n"));
        out.append("\r\n");
        if (!r.method().equals("HEAD")) {
            out.append(r.body());
        }
        return out.toString();
    }

    private static String stderr(GitlabStubs.Reply r) {
        if (r.status() < 400) {
            return "";
        }
        if (r.method().equals("HEAD")) {
            return "unexpected end of JSON input\n";
        }
        try {
            JsonNode message = JSON.readTree(r.body()).path("message");
            if (message.isTextual()) {
                return "glab: " + message.asText() + " (HTTP " + r.status() + ")\n";
            }
        } catch (IOException e) {
            // not JSON
        }
        return "glab: HTTP " + r.status() + "\n";
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 409 -> "Conflict";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 502 -> "Bad Gateway";
            default -> "Status";
        };
    }

    Path bin() {
        return dir.resolve("bin");
    }

    List<FakeBinary.Invocation> calls() {
        return recorder.recorded();
    }

    /** The {@code --input} bodies, in call order. */
    List<JsonNode> bodies() {
        try (Stream<Path> files = Files.list(dir.resolve("bodies"))) {
            List<JsonNode> out = new ArrayList<>();
            for (Path f : files.sorted().toList()) {
                out.add(JSON.readTree(Files.readString(f)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The mode of {@code GLAB_CONFIG_DIR} as the last call saw it ({@code 700}), or null when it had none. */
    String configDirMode() throws IOException {
        Path mode = dir.resolve("config-dir.mode");
        return Files.exists(mode) ? Files.readString(mode).strip() : null;
    }

    private static String q(Path p) {
        return "'" + p.toAbsolutePath().toString().replace("'", "'\\''") + "'";
    }
}
