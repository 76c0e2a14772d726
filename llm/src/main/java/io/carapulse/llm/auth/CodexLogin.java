package io.carapulse.llm.auth;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code assistantctl llm auth login}: runs {@code codex login} (with {@code --device-auth} on a
 * machine without a browser) attached to the terminal, then imports the {@code auth.json} it wrote.
 */
public final class CodexLogin {

    /** Starts a program with the terminal's stdin/stdout/stderr and waits for it. */
    @FunctionalInterface
    public interface Launcher {
        /**
         * @param argv     the program and its arguments, never a shell line
         * @param extraEnv variables to add to the inherited environment
         * @return the exit status
         * @throws NotOnPath when the program cannot be found
         */
        int run(List<String> argv, Map<String, String> extraEnv) throws IOException, InterruptedException;
    }

    /** The program is not on {@code PATH}. */
    public static final class NotOnPath extends IOException {
        public NotOnPath(String program) {
            super(program + " is not on PATH");
        }
    }

    private final Launcher launcher;
    private final CodexAuthImporter importer;

    public CodexLogin(Launcher launcher, CodexAuthImporter importer) {
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.importer = Objects.requireNonNull(importer, "importer");
    }

    /** The real launcher: looks the program up on {@code env}'s {@code PATH}, inherits stdio. */
    public static Launcher inheritedIo(AuthEnv env) {
        return (argv, extraEnv) -> {
            Path program = onPath(argv.get(0), env.get("PATH").orElse("")).orElseThrow(() -> new NotOnPath(argv.get(0)));
            List<String> command = new ArrayList<>(argv);
            command.set(0, program.toString());
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            builder.environment().putAll(extraEnv);
            return builder.start().waitFor();
        };
    }

    /**
     * @param deviceAuth adds {@code --device-auth} (a code to type on another device instead of a local browser)
     * @param codexAuth  where the login file is expected, or {@code null} for {@code $CODEX_HOME/auth.json};
     *                   when given, {@code codex} runs with {@code CODEX_HOME} set to its directory
     * @throws AuthImportException when {@code codex} is missing, fails, or leaves no new {@code auth.json}
     */
    public ImportResult login(boolean deviceAuth, Path codexAuth) {
        Path file = (codexAuth == null ? importer.defaultPath() : codexAuth).toAbsolutePath();
        if (!file.getFileName().toString().equals("auth.json")) {
            throw new AuthImportException("`codex login` always writes auth.json in its CODEX_HOME; give a path ending in"
                    + " auth.json, not " + file);
        }
        Map<String, String> env = codexAuth == null ? Map.of() : Map.of(AuthEnv.CODEX_HOME, file.getParent().toString());
        List<String> argv = deviceAuth ? List.of("codex", "login", "--device-auth") : List.of("codex", "login");
        byte[] before = contents(file);
        int status;
        try {
            status = launcher.run(argv, env);
        } catch (NotOnPath e) {
            throw new AuthImportException("codex is not on PATH: install the Codex CLI (https://github.com/openai/codex),"
                    + " or import tokens you already have with `assistantctl llm auth import`");
        } catch (IOException e) {
            throw new AuthImportException("could not run `" + String.join(" ", argv) + "`: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthImportException("interrupted while `" + String.join(" ", argv) + "` ran; nothing was imported");
        }
        if (status != 0) {
            throw new AuthImportException("`" + String.join(" ", argv) + "` exited with status " + status
                    + "; nothing was imported");
        }
        byte[] after = contents(file);
        if (after == null || Arrays.equals(before, after)) {
            throw new AuthImportException("`codex login` succeeded but " + (after == null ? "wrote no " : "did not rewrite ")
                    + file + ": Codex probably keeps its credentials in the OS keyring. Set cli_auth_credentials_store"
                    + " = \"file\" in ~/.codex/config.toml (or $CODEX_HOME/config.toml) and run"
                    + " `assistantctl llm auth login` again");
        }
        return importer.importFrom(file);
    }

    private static byte[] contents(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new AuthImportException("cannot read " + file + ": " + e.getClass().getSimpleName());
        }
    }

    static Optional<Path> onPath(String program, String path) {
        if (program.contains(File.separator)) {
            Path direct = Path.of(program);
            return Files.isExecutable(direct) ? Optional.of(direct) : Optional.empty();
        }
        boolean windows = File.separatorChar == '\\';
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String suffix : windows ? List.of(".exe", ".cmd", "") : List.of("")) {
                Path candidate = Path.of(dir, program + suffix);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
