package io.carapulse.cli.command.config;

import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.command.Paging;
import io.carapulse.cli.connect.CliConfig;
import io.carapulse.cli.connect.ConfigStore;
import io.carapulse.cli.connect.ContextEntry;
import io.carapulse.cli.connect.Home;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import io.carapulse.cli.output.Table;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code config get-contexts}: never shows a token, only where it comes from. */
@Command(name = "get-contexts", description = "List the contexts; * marks the current one. Tokens are never shown, "
        + "only where they come from.")
final class GetContexts extends CliCommand {

    /** A context as listed: the token's source, never the token. */
    record ContextListing(String name, boolean current, String server, String token) {
    }

    @Mixin
    OutputOption output;

    GetContexts(Cli cli) {
        super(cli);
    }

    @Override
    protected boolean needsServer() {
        return false;
    }

    @Override
    protected ExitCode run() {
        CliConfig config = new ConfigStore(Home.configFile(cli.env())).load();
        List<ContextListing> listing = config.contexts().stream()
                .map(c -> new ContextListing(c.name(), c.name().equals(config.currentContext()), c.server(), source(c)))
                .toList();
        if (Printer.structured(out(), output.format(), listing)) {
            return ExitCode.OK;
        }
        Table t = Table.of("CURRENT", "NAME", "SERVER", "TOKEN");
        listing.forEach(c -> t.row(c.current() ? "*" : "", c.name(), c.server(), c.token()));
        Paging.print(out(), err(), t, "contexts (assistantctl config set-context NAME --server URL creates one)");
        return ExitCode.OK;
    }

    private static String source(ContextEntry c) {
        String s = c.tokenSource();
        return s.equals("-") ? "local token file (localhost only)" : s;
    }
}
