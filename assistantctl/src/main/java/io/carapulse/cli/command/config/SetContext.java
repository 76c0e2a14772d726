package io.carapulse.cli.command.config;

import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.CliException;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.connect.CliConfig;
import io.carapulse.cli.connect.ConfigStore;
import io.carapulse.cli.connect.ContextEntry;
import io.carapulse.cli.connect.Home;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code config set-context NAME --server URL [token source] [--use]}. */
@Command(name = "set-context", description = {
        "Create a context, or change the settings given of an existing one. --server URL sets its server; "
                + "--token TOKEN keeps a token in config.yaml (mode 0600), but --token-stdin keeps it out of "
                + "your shell history and the process list.",
        "",
        "  assistantctl config set-context prod --server https://carapulse.example.com --token-env PROD_TOKEN --use"})
final class SetContext extends CliCommand {

    @Parameters(paramLabel = "NAME", description = "The context's name.")
    String name;

    @ArgGroup(exclusive = true)
    TokenSource tokenSource;

    static final class TokenSource {
        @Option(names = "--token-file", paramLabel = "FILE", description = "Read the token from this file on each call.")
        Path file;

        @Option(names = "--token-env", paramLabel = "VAR", description = "Read the token from this environment variable.")
        String env;

        @Option(names = "--token-stdin", description = "Read the token from stdin now and keep it in config.yaml (mode 0600).")
        boolean stdin;

        @Option(names = "--no-token", description = "Remove the context's token source (use the local token file, or none).")
        boolean none;
    }

    @Option(names = "--use", description = "Also make it the current context.")
    boolean use;

    SetContext(Cli cli) {
        super(cli);
    }

    @Override
    protected boolean needsServer() {
        return false;
    }

    @Override
    protected ExitCode run() throws IOException {
        ConfigStore store = new ConfigStore(Home.configFile(cli.env()));
        CliConfig config = store.load();
        ContextEntry old = config.context(name).orElse(null);
        if (name.isBlank()) {
            throw CliException.usage("a context needs a name");
        }
        String server = cli.options().server();
        String url = server != null ? validated(server) : old == null ? null : old.server();
        String inline = cli.options().token();
        if (inline != null && tokenSource != null) {
            throw CliException.usage("--token and --token-file/--token-env/--token-stdin/--no-token exclude each other");
        }
        ContextEntry entry = inline != null ? new ContextEntry(name, url, null, null, inline.strip())
                : tokenSource == null
                ? new ContextEntry(name, url, old == null ? null : old.tokenFile(), old == null ? null : old.tokenEnv(),
                        old == null ? null : old.token())
                : new ContextEntry(name, url,
                        tokenSource.file == null ? null : tokenSource.file.toAbsolutePath().toString(),
                        tokenSource.env, tokenSource.stdin ? readToken() : null);
        CliConfig next = config.with(entry);
        if (use || next.currentContext() == null) {
            next = next.withCurrent(name);
        }
        store.save(next);
        out().println("context " + name + (old == null ? " created" : " updated")
                + (name.equals(next.currentContext()) ? " (current)" : "") + " in " + store.file());
        return ExitCode.OK;
    }

    private static String validated(String url) {
        String u = url.strip();
        if (!u.matches("https?://[^/\\s]+.*")) {
            throw CliException.usage("--server must be an http:// or https:// URL, not '" + url + "'");
        }
        return u.replaceAll("/+$", "");
    }

    private String readToken() throws IOException {
        String token = new String(cli.env().stdin().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (token.isEmpty() || token.contains("\n")) {
            throw CliException.usage("--token-stdin: expected one token on stdin");
        }
        return token;
    }
}
