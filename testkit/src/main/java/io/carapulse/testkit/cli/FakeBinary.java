package io.carapulse.testkit.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A recording fake CLI: an executable bash script named like the real binary (e.g. {@code kubectl})
 * that records each invocation's argv, full environment and working directory, prints canned stdout
 * and stderr, optionally sleeps or starts a child ({@code sleep 300 &}, then {@code wait}), and exits
 * with a given code; invocations that begin with given arguments may get answers of their own
 * ({@link Builder#answer}). Adapter tests point the runtime at {@link #path()} and assert on
 * {@link #recorded()}.
 *
 * <p>Build one with {@link #builder(Path, String)}; everything lives under the given directory.
 */
public final class FakeBinary {

    private static final String BASH = "/bin/bash";

    private final Path path;
    private final Path records;
    private final Path childPidFile;

    private FakeBinary(Path path, Path records, Path childPidFile) {
        this.path = path;
        this.records = records;
        this.childPidFile = childPidFile;
    }

    /** Starts describing a fake called {@code name} whose files go under {@code dir}. */
    public static Builder builder(Path dir, String name) {
        return new Builder(dir, name);
    }

    /** The absolute path of the executable script. */
    public Path path() {
        return path;
    }

    /** The directory holding the script, to put on a test {@code PATH}. */
    public Path directory() {
        return path.getParent();
    }

    /** Every invocation so far, oldest first. */
    public List<Invocation> recorded() {
        try (Stream<Path> files = Files.list(records)) {
            List<Path> dirs = files.filter(Files::isDirectory).sorted().toList();
            List<Invocation> out = new ArrayList<>();
            for (Path d : dirs) {
                if (Files.exists(d.resolve("done"))) {
                    out.add(read(d));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Everything the fake has printed so far from leased files and variables ({@link Builder#printFileOf},
     * {@link Builder#printVariable}), oldest first: what a test of redaction expects to see masked.
     */
    public String printedLeases() {
        try (Stream<Path> files = Files.list(records)) {
            StringBuilder out = new StringBuilder();
            for (Path d : files.filter(Files::isDirectory).sorted().toList()) {
                Path leaked = d.resolve("leaked");
                if (Files.exists(leaked)) {
                    out.append(Files.readString(leaked, StandardCharsets.UTF_8));
                }
            }
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PIDs of the children started by invocations with {@link Builder#spawnChild()}, oldest first. */
    public List<Long> childPids() {
        try {
            if (!Files.exists(childPidFile)) {
                return List.of();
            }
            return Files.readAllLines(childPidFile).stream().filter(l -> !l.isBlank())
                    .map(l -> Long.parseLong(l.strip())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Invocation read(Path d) throws IOException {
        List<String> argv = splitNul(Files.readString(d.resolve("argv"), StandardCharsets.UTF_8));
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : splitNul(Files.readString(d.resolve("env"), StandardCharsets.UTF_8))) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        Path cwd = Path.of(Files.readString(d.resolve("cwd"), StandardCharsets.UTF_8).strip());
        return new Invocation(argv, env, cwd);
    }

    private static List<String> splitNul(String s) {
        List<String> parts = new ArrayList<>(List.of(s.split("\0", -1)));
        if (!parts.isEmpty() && parts.get(parts.size() - 1).isEmpty()) {
            parts.remove(parts.size() - 1);
        }
        return parts;
    }

    /**
     * One recorded run.
     *
     * @param argv the full argv, {@code argv[0]} being the path the fake was started as
     * @param env  its whole environment (bash adds {@code PWD}, {@code SHLVL} and {@code _})
     * @param cwd  its physical working directory
     */
    public record Invocation(List<String> argv, Map<String, String> env, Path cwd) {

        public Invocation {
            argv = List.copyOf(argv);
            env = Map.copyOf(env);
        }

        /** The arguments after {@code argv[0]}. */
        public List<String> args() {
            return argv.subList(1, argv.size());
        }
    }

    /** Describes a fake; {@link #build()} writes it. */
    public static final class Builder {

        private final Path dir;
        private final String name;
        private String stdout = "";
        private String stderr = "";
        private int exitCode;
        private Duration sleep;
        private boolean spawnChild;
        private final List<String> printFilesOf = new ArrayList<>();
        private final List<String> printVariables = new ArrayList<>();
        private final List<Map.Entry<List<String>, String>> answers = new ArrayList<>();

        private Builder(Path dir, String name) {
            this.dir = Objects.requireNonNull(dir, "dir");
            if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("a fake binary needs a plain file name: " + name);
            }
            this.name = name;
        }

        /** Printed on standard output, byte for byte. */
        public Builder stdout(String text) {
            this.stdout = Objects.requireNonNull(text);
            return this;
        }

        /** Printed on standard error, byte for byte. */
        public Builder stderr(String text) {
            this.stderr = Objects.requireNonNull(text);
            return this;
        }

        /** The exit code (default 0). */
        public Builder exitCode(int code) {
            this.exitCode = code;
            return this;
        }

        /** Sleeps this long (whole seconds or more precise) after printing, before exiting. */
        public Builder sleep(Duration duration) {
            this.sleep = duration;
            return this;
        }

        /**
         * Also prints the file an environment variable names (e.g. {@code KUBECONFIG}), the way a
         * careless command such as {@code kubectl config view --raw} would leak a leased credential.
         * Called again, prints each file in turn (a lease may hold several); an unset variable prints
         * nothing.
         */
        public Builder printFileOf(String variable) {
            this.printFilesOf.add(variableName(variable));
            return this;
        }

        /**
         * Also prints the value of an environment variable (e.g. {@code ARGOCD_AUTH_TOKEN}) on a line of
         * its own, the way a careless command (a debug flag, {@code env}) would leak a leased variable.
         */
        public Builder printVariable(String variable) {
            this.printVariables.add(variableName(variable));
            return this;
        }

        private static String variableName(String variable) {
            if (variable == null || !variable.matches("[A-Z_][A-Z0-9_]*")) {
                throw new IllegalArgumentException("an environment variable name: " + variable);
            }
            return variable;
        }

        /**
         * Answers the invocations whose arguments begin with {@code leadingArgs} (e.g. {@code history}, or
         * {@code app get}) with {@code stdout} and exit 0, instead of the canned output, exit code, leaks
         * and sleep: the reads a command makes before it acts. The first answer that matches wins;
         * every invocation is recorded either way.
         */
        public Builder answer(List<String> leadingArgs, String stdout) {
            if (leadingArgs == null || leadingArgs.isEmpty()) {
                throw new IllegalArgumentException("an answer needs the arguments it answers");
            }
            answers.add(Map.entry(List.copyOf(leadingArgs), Objects.requireNonNull(stdout)));
            return this;
        }

        /** Starts {@code sleep 300} in the background, records its PID, and waits for it. */
        public Builder spawnChild() {
            this.spawnChild = true;
            return this;
        }

        /** Writes the script and its canned output; returns the fake. */
        public FakeBinary build() {
            try {
                Path bin = Files.createDirectories(dir.resolve("bin"));
                Path data = Files.createDirectories(dir.resolve(name + ".fake"));
                Path records = Files.createDirectories(data.resolve("records"));
                Path out = Files.writeString(data.resolve("stdout"), stdout, StandardCharsets.UTF_8);
                Path err = Files.writeString(data.resolve("stderr"), stderr, StandardCharsets.UTF_8);
                Path childPids = data.resolve("child.pids");
                StringBuilder answered = new StringBuilder();
                for (int i = 0; i < answers.size(); i++) {
                    List<String> leading = answers.get(i).getKey();
                    Path answer = Files.writeString(data.resolve("answer-" + i), answers.get(i).getValue(),
                            StandardCharsets.UTF_8);
                    answered.append("if [ \"$#\" -ge ").append(leading.size()).append(" ]");
                    for (int a = 0; a < leading.size(); a++) {
                        answered.append(" && [ \"${").append(a + 1).append("}\" = ").append(quote(leading.get(a)))
                                .append(" ]");
                    }
                    answered.append("; then ").append(tool("cat")).append(' ').append(quote(answer))
                            .append("; exit 0; fi\n");
                }
                Path script = bin.resolve(name);
                Files.writeString(script, script(records, out, err, childPids, answered.toString()),
                        StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
                return new FakeBinary(script.toAbsolutePath(), records, childPids);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private String script(Path records, Path out, Path err, Path childPids, String answered) {
            String sleepCmd = sleep == null ? "" : tool("sleep") + " " + seconds(sleep) + "\n";
            String child = !spawnChild ? "" : tool("sleep") + " 300 &\necho $! >> " + quote(childPids) + "\nwait\n";
            return "#!" + BASH + "\n"
                    + "rec=" + quote(records) + "/$(" + tool("date") + " +%s%N)-$$\n"
                    + tool("mkdir") + " -p \"$rec\"\n"
                    + "printf '%s\\0' \"$0\" \"$@\" > \"$rec/argv\"\n"
                    + tool("env") + " -0 > \"$rec/env\"\n"
                    + "pwd -P > \"$rec/cwd\"\n"
                    + ": > \"$rec/done\"\n"
                    + answered
                    + tool("cat") + " " + quote(out) + "\n"
                    + tool("cat") + " " + quote(err) + " >&2\n"
                    + printFilesOf.stream().map(v -> "[ -z \"$" + v + "\" ] || { " + tool("cat") + " \"$" + v
                            + "\" >> \"$rec/leaked\"; " + tool("cat") + " \"$" + v + "\"; }\n")
                            .collect(Collectors.joining())
                    + printVariables.stream().map(v -> "[ -z \"$" + v + "\" ] || printf '%s\\n' \"$" + v + "\" | "
                            + tool("tee") + " -a \"$rec/leaked\"\n")
                            .collect(Collectors.joining())
                    + sleepCmd
                    + child
                    + "exit " + exitCode + "\n";
        }

        private static String seconds(Duration d) {
            return String.format(java.util.Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
        }

        private static String tool(String name) {
            return Stream.of("/usr/bin/", "/bin/").map(p -> Path.of(p + name))
                    .filter(Files::isExecutable).findFirst()
                    .map(Path::toString)
                    .orElseThrow(() -> new IllegalStateException("fake binaries need " + name + " in /usr/bin or /bin"));
        }

        private static String quote(Path p) {
            return quote(p.toAbsolutePath().toString());
        }

        private static String quote(String s) {
            return "'" + s.replace("'", "'\\''") + "'";
        }
    }

    @Override
    public String toString() {
        return "FakeBinary[" + path + "]";
    }
}
