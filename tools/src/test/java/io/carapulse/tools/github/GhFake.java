package io.carapulse.tools.github;

import io.carapulse.testkit.cli.FakeBinary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fake {@code gh} that answers {@code gh api <endpoint> …} per endpoint as gh 2.23 does (the REST body
 * verbatim on stdout; for a failure the body on stdout, {@code gh: <message> (HTTP <status>)} on stderr and
 * exit 1), records every call with a {@link FakeBinary}, and keeps the mode and content of each
 * {@code --input} file as it was during the call ({@link #inputs}). An endpoint it was not told about is
 * GitHub's 404.
 */
final class GhFake {

    private final Path dir;
    private final FakeBinary recorder;

    private GhFake(Path dir, FakeBinary recorder) {
        this.dir = dir;
        this.recorder = recorder;
    }

    Path bin() {
        return dir.resolve("bin");
    }

    List<FakeBinary.Invocation> calls() {
        return recorder.recorded();
    }

    /** Each {@code --input} file seen, in order: {@code mode content}. */
    List<String> inputs() throws IOException {
        Path seen = dir.resolve("inputs");
        if (!Files.exists(seen)) {
            return List.of();
        }
        try (var files = Files.list(seen)) {
            return files.sorted().map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }

    static Builder builder(Path dir) {
        return new Builder(dir);
    }

    record Reply(String stdout, String stderr, int exit) {
    }

    static final class Builder {
        private final Path dir;
        private final Map<String, Reply> replies = new LinkedHashMap<>();

        Builder(Path dir) {
            this.dir = dir;
        }

        Builder on(String endpoint, String stdout) {
            return on(endpoint, stdout, "", 0);
        }

        Builder on(String endpoint, String stdout, String stderr, int exit) {
            replies.put(endpoint, new Reply(stdout, stderr, exit));
            return this;
        }

        GhFake build() {
            try {
                FakeBinary recorder = FakeBinary.builder(dir.resolve("recorder"), "gh").build();
                Path bin = Files.createDirectories(dir.resolve("bin"));
                Files.createDirectories(dir.resolve("inputs"));
                StringBuilder script = new StringBuilder("#!/bin/bash\n")
                        .append(q(recorder.path())).append(" \"$@\"\n")
                        .append("prev=\nfor a in \"$@\"; do if [ \"$prev\" = --input ]; then out=").append(q(dir))
                        .append("/inputs/$(/bin/date +%s%N); { /usr/bin/stat -c %a \"$a\"; /bin/cat \"$a\"; } > \"$out\"; ")
                        .append("fi; prev=$a; done\n")
                        .append("case \"$2\" in\n");
                int i = 0;
                for (Map.Entry<String, Reply> e : replies.entrySet()) {
                    Path out = Files.writeString(dir.resolve("reply-" + i + ".out"), e.getValue().stdout());
                    Path err = Files.writeString(dir.resolve("reply-" + i++ + ".err"), e.getValue().stderr());
                    script.append("  ").append(q(e.getKey())).append(") /bin/cat ").append(q(out))
                            .append("; /bin/cat ").append(q(err)).append(" >&2; exit ")
                            .append(e.getValue().exit()).append(";;\n");
                }
                script.append("esac\necho '{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\","
                        + "\"status\":\"404\"}'\necho 'gh: Not Found (HTTP 404)' >&2\nexit 1\n");
                Path gh = Files.writeString(bin.resolve("gh"), script);
                Files.setPosixFilePermissions(gh, PosixFilePermissions.fromString("rwx------"));
                return new GhFake(dir, recorder);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String q(Object p) {
            String s = p instanceof Path path ? path.toAbsolutePath().toString() : p.toString();
            return "'" + s.replace("'", "'\\''") + "'";
        }
    }
}
