package io.carapulse.cli.command.llm;

import io.carapulse.cli.Cli;
import io.carapulse.cli.CliException;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.llm.auth.AuthImportException;
import io.carapulse.llm.auth.CodexAuthImporter;
import io.carapulse.llm.auth.ImportResult;
import io.carapulse.llm.auth.OpenClawImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code llm auth import}: a Codex CLI login, OpenClaw's profiles, or tokens given by hand, into the
 * token sink. Without a source it looks for the Codex login and OpenClaw's profiles and says which
 * it took; when it finds both it asks, since each import moves a refresh token to Carapulse.
 */
@Command(name = "import", description = {
        "Import a ChatGPT login into the token sink: the Codex CLI's auth.json, OpenClaw's auth-profiles.json, or "
                + "tokens given by hand. Its refresh token then belongs to Carapulse: a program that keeps using it "
                + "too gets signed out, so sign that program in again.",
        "Without a source, the Codex login ($CODEX_HOME/auth.json, else ~/.codex/auth.json) or OpenClaw's profiles "
                + "($OPENCLAW_STATE_DIR, else ~/.openclaw) are imported, whichever is there; if both are, name one.",
        "Tokens given by hand are read from stdin (-), a file (file:PATH) or a variable (env:VAR), never from the "
                + "command line, where every user sees them in ps.",
        "",
        "  assistantctl llm auth import --codex-auth ~/.codex/auth.json",
        "  assistantctl llm auth import --openclaw-auth ~/.openclaw/agents/main/agent/auth-profiles.json",
        "  printf '%%s\\n%%s\\n' \"$AT\" \"$RT\" | assistantctl llm auth import --access-token - --refresh-token -"})
final class LlmAuthImport extends LocalAuthCommand {

    @Option(names = "--codex-auth", paramLabel = "PATH",
            description = "The Codex CLI's auth.json (or the directory that holds it).")
    String codexAuth;

    @Option(names = "--openclaw-auth", paramLabel = "PATH",
            description = "An OpenClaw auth-profiles.json (or the directory that holds it).")
    String openClawAuth;

    @Option(names = "--access-token", paramLabel = "SOURCE",
            description = "A ChatGPT access token (a JWT): " + TokenInput.FORMS + ".")
    String accessToken;

    @Option(names = "--refresh-token", paramLabel = "SOURCE",
            description = "Its refresh token, optional (without it the profile works until the access token expires): "
                    + TokenInput.FORMS + ".")
    String refreshToken;

    @Option(names = "--account", paramLabel = "ID",
            description = "The ChatGPT account id, when the access token does not carry it.")
    String account;

    @Mixin
    OutputOption output;

    LlmAuthImport(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run(LocalAuth auth) {
        long sources = Stream.of(codexAuth, openClawAuth, accessToken).filter(s -> s != null).count();
        if (sources > 1) {
            throw CliException.usage("give one source: --codex-auth, --openclaw-auth or --access-token");
        }
        if (accessToken == null && (refreshToken != null || account != null)) {
            throw CliException.usage("--refresh-token and --account go with --access-token");
        }
        ImportResult result;
        if (codexAuth != null) {
            result = fromFile(file(auth, codexAuth, "auth.json"), auth.codex()::importFrom);
        } else if (openClawAuth != null) {
            result = fromFile(file(auth, openClawAuth, "auth-profiles.json"), auth.openClaw()::importFrom);
        } else if (accessToken != null) {
            TokenInput tokens = new TokenInput(cli.env(), auth.env());
            String access = tokens.read("--access-token", accessToken);
            String refresh = refreshToken == null ? null : tokens.read("--refresh-token", refreshToken);
            result = auth.manual().importTokens(access, refresh, account);
        } else {
            result = discovered(auth);
        }
        AuthViews.printImport(out(), err(), output.format(), result);
        return ExitCode.OK;
    }

    /** A file the user named; a directory stands for the file in it. */
    private static Path file(LocalAuth auth, String given, String name) {
        Path path = auth.env().expand(given.strip());
        return Files.isDirectory(path) ? path.resolve(name) : path;
    }

    /** A source that does not exist is "not found" (3); one that cannot be imported is an error (1). */
    private static ImportResult fromFile(Path file, Function<Path, ImportResult> importer) {
        try {
            return importer.apply(file);
        } catch (AuthImportException e) {
            throw failed(e, Files.exists(file) ? ExitCode.ERROR : ExitCode.NOT_FOUND);
        }
    }

    private ImportResult discovered(LocalAuth auth) {
        CodexAuthImporter codex = auth.codex();
        OpenClawImporter openClaw = auth.openClaw();
        Path codexFile = codex.defaultPath().toAbsolutePath();
        boolean hasCodex = Files.isRegularFile(codexFile);
        List<Path> claws = openClaw.discover();
        Path state = auth.env().openClawStateDir();
        if (hasCodex && !claws.isEmpty()) {
            throw CliException.usage("found a Codex login (" + codexFile + ") and OpenClaw profiles (" + join(claws)
                    + "); each import moves a refresh token to Carapulse, so name the one to import: --codex-auth "
                    + codexFile + " or --openclaw-auth " + claws.get(0));
        }
        if (claws.size() > 1) {
            throw CliException.usage(claws.size() + " OpenClaw profile files under " + state + " (" + join(claws)
                    + "); name the one to import: --openclaw-auth PATH");
        }
        if (hasCodex) {
            err().println("No source given: importing the Codex CLI login " + codexFile + " (no OpenClaw profiles under "
                    + state + ").");
            return fromFile(codexFile, codex::importFrom);
        }
        if (claws.size() == 1) {
            err().println("No source given: importing OpenClaw's " + claws.get(0) + " (no Codex login at " + codexFile
                    + ").");
            return fromFile(claws.get(0), openClaw::importFrom);
        }
        try {
            return openClaw.importDefault();   // finds nothing: its message says why (none, or archived into SQLite)
        } catch (AuthImportException e) {
            throw new CliException(ExitCode.NOT_FOUND, e.code() + ": nothing to import: no Codex login at " + codexFile
                    + " (set CODEX_HOME if Codex keeps it elsewhere, or sign in with `assistantctl llm auth login`), "
                    + "and " + e.getMessage());
        }
    }

    private static String join(List<Path> paths) {
        return String.join(", ", paths.stream().map(Path::toString).toList());
    }
}
