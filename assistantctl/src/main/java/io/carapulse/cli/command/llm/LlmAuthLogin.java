package io.carapulse.cli.command.llm;

import io.carapulse.cli.Cli;
import io.carapulse.cli.CliException;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.llm.auth.AuthEnv;
import io.carapulse.llm.auth.ImportResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code llm auth login}: runs {@code codex login} on this terminal, then imports the {@code auth.json}
 * it wrote (the library's {@code CodexLogin}).
 */
@Command(name = "login", description = {
        "Sign in with ChatGPT: runs `codex login` (the Codex CLI must be on PATH) on this terminal, then imports "
                + "the auth.json it writes. The login then belongs to Carapulse; sign Codex in again if you keep "
                + "using it.",
        "If Codex keeps its credentials in the OS keyring it writes no auth.json: set cli_auth_credentials_store "
                + "= \"file\" in ~/.codex/config.toml and run this again.",
        "",
        "  assistantctl llm auth login --device-auth      # on a machine without a browser"})
final class LlmAuthLogin extends LocalAuthCommand {

    @Option(names = "--codex-auth", paramLabel = "PATH",
            description = "Where Codex writes auth.json: codex runs with CODEX_HOME set to its directory (default "
                    + "$CODEX_HOME/auth.json, else ~/.codex/auth.json).")
    String codexAuth;

    @Option(names = "--device-auth", description = "Sign in with a code on another device instead of a browser here.")
    boolean deviceAuth;

    @Mixin
    OutputOption output;

    LlmAuthLogin(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run(LocalAuth auth) {
        Path file = target(auth);
        err().println("Starting `codex login" + (deviceAuth ? " --device-auth" : "") + "`: it writes "
                + (file == null ? auth.codex().defaultPath().toAbsolutePath() : file) + ", which is then imported into "
                + auth.store().path() + ".");
        err().flush();
        ImportResult result = auth.login().login(deviceAuth, file);
        AuthViews.printImport(out(), err(), output.format(), result);
        return ExitCode.OK;
    }

    /**
     * The auth.json to ask for, or {@code null} for Codex's own default. A CODEX_HOME this invocation was
     * given is passed on explicitly, so codex writes where the import then reads. Codex refuses a
     * CODEX_HOME that does not exist, so its directory is created (0700) first.
     */
    private Path target(LocalAuth auth) {
        Path file;
        if (codexAuth != null) {
            Path given = auth.env().expand(codexAuth.strip()).toAbsolutePath();
            file = Files.isDirectory(given) ? given.resolve("auth.json") : given;
        } else if (auth.env().get(AuthEnv.CODEX_HOME).isPresent()) {
            file = auth.codex().defaultPath().toAbsolutePath();
        } else {
            return null;
        }
        Path dir = file.getParent();
        if (file.getFileName().toString().equals("auth.json") && !Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                err().println("Created " + dir + " for Codex (mode 0700).");
            } catch (IOException | UnsupportedOperationException e) {
                throw new CliException(ExitCode.ERROR, "cannot create " + dir + " for Codex: " + e.getMessage());
            }
        }
        return file;
    }
}
