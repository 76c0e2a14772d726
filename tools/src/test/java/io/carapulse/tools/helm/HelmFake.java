package io.carapulse.tools.helm;

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
 * A fake {@code helm} that answers per subcommand ({@code history}, {@code upgrade}, {@code status} …)
 * and records every call with a {@link FakeBinary}; for {@code -f <file>} it also keeps the file's
 * mode and content as they were during the call.
 */
final class HelmFake {

    private final Path dir;
    private final FakeBinary recorder;

    private HelmFake(Path dir, FakeBinary recorder) {
        this.dir = dir;
        this.recorder = recorder;
    }

    /** The directory to put on the PATH. */
    Path bin() {
        return dir.resolve("bin");
    }

    List<FakeBinary.Invocation> calls() {
        return recorder.recorded();
    }

    /** The mode ({@code 600}) and content of the last {@code -f} file, as seen during the call. */
    String valuesMode() throws IOException {
        return Files.readString(dir.resolve("values.mode")).strip();
    }

    String valuesSeen() throws IOException {
        return Files.readString(dir.resolve("values.seen"));
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

        Builder on(String subcommand, String stdout) {
            return on(subcommand, stdout, "", 0);
        }

        Builder on(String subcommand, String stdout, String stderr, int exit) {
            replies.put(subcommand, new Reply(stdout, stderr, exit));
            return this;
        }

        HelmFake build() {
            try {
                FakeBinary recorder = FakeBinary.builder(dir.resolve("recorder"), "helm").build();
                Path bin = Files.createDirectories(dir.resolve("bin"));
                StringBuilder script = new StringBuilder("#!/bin/bash\n")
                        .append(q(recorder.path())).append(" \"$@\"\n")
                        .append("prev=\nfor a in \"$@\"; do if [ \"$prev\" = -f ]; then /usr/bin/stat -c %a \"$a\" > ")
                        .append(q(dir.resolve("values.mode"))).append("; /bin/cat \"$a\" > ")
                        .append(q(dir.resolve("values.seen"))).append("; fi; prev=$a; done\n")
                        .append("case \"$1\" in\n");
                for (Map.Entry<String, Reply> e : replies.entrySet()) {
                    Path out = Files.writeString(dir.resolve(e.getKey() + ".out"), e.getValue().stdout());
                    Path err = Files.writeString(dir.resolve(e.getKey() + ".err"), e.getValue().stderr());
                    script.append("  ").append(e.getKey()).append(") /bin/cat ").append(q(out))
                            .append("; /bin/cat ").append(q(err)).append(" >&2; exit ")
                            .append(e.getValue().exit()).append(";;\n");
                }
                script.append("esac\necho \"helm fake: no reply for $1\" >&2\nexit 64\n");
                Path helm = Files.writeString(bin.resolve("helm"), script);
                Files.setPosixFilePermissions(helm, PosixFilePermissions.fromString("rwx------"));
                return new HelmFake(dir, recorder);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String q(Path p) {
            return "'" + p.toAbsolutePath().toString().replace("'", "'\\''") + "'";
        }
    }
}
