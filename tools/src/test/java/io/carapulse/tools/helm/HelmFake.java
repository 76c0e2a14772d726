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
 * A fake {@code helm} that answers per subcommand ({@code history}, {@code upgrade}, {@code status},
 * {@code repo} …) and records every call with a {@link FakeBinary}; for {@code -f <file>} it also keeps
 * the file's mode and content as they were during the call, and likewise for the files and directory
 * named by {@code HELM_REPOSITORY_CONFIG}, {@code HELM_REGISTRY_CONFIG} and {@code HELM_REPOSITORY_CACHE}
 * (see {@link #seen}). Like Helm, {@code repo update <name>} writes {@code <name>-index.yaml} into the
 * repository cache, unless built {@link Builder#withoutIndex() without}.
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

    /**
     * What the call of {@code subcommand} found at the path in the variable {@code helmVariable}
     * ({@code HELM_REPOSITORY_CONFIG} …): its mode ({@code 600}), its content when it is a file, the
     * names in it when it is a directory; null when the variable was not set.
     */
    Seen seen(String subcommand, String helmVariable) throws IOException {
        Path mode = dir.resolve(subcommand + "." + helmVariable + ".mode");
        if (!Files.exists(mode)) {
            return null;
        }
        Path content = dir.resolve(subcommand + "." + helmVariable + ".seen");
        return new Seen(Files.readString(mode).strip(), Files.exists(content) ? Files.readString(content) : null);
    }

    /** The mode of a path and its content (a file) or listing (a directory), as a call saw them. */
    record Seen(String mode, String content) {
    }

    static Builder builder(Path dir) {
        return new Builder(dir);
    }

    record Reply(String stdout, String stderr, int exit) {
    }

    static final class Builder {
        private final Path dir;
        private final Map<String, Reply> replies = new LinkedHashMap<>();
        private boolean writesIndex = true;

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

        /** {@code repo update} fetches nothing, as Helm 3 does when a repository fails (it still exits 0). */
        Builder withoutIndex() {
            writesIndex = false;
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
                        .append("for v in HELM_REPOSITORY_CONFIG HELM_REGISTRY_CONFIG HELM_REPOSITORY_CACHE; do\n")
                        .append("  p=\"${!v}\"; [ -n \"$p\" ] || continue\n")
                        .append("  out=").append(q(dir)).append("/\"$1.$v\"\n")
                        .append("  /usr/bin/stat -c %a \"$p\" > \"$out.mode\"\n")
                        .append("  if [ -d \"$p\" ]; then /bin/ls -A \"$p\" > \"$out.seen\"; ")
                        .append("elif [ -f \"$p\" ]; then /bin/cat \"$p\" > \"$out.seen\"; fi\n")
                        .append("done\n")
                        .append(writesIndex ? "if [ \"$1 $2\" = \"repo update\" ] && [ -n \"$HELM_REPOSITORY_CACHE\" ]; then "
                                + "echo 'apiVersion: v1' > \"$HELM_REPOSITORY_CACHE/$3-index.yaml\"; fi\n" : "")
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
