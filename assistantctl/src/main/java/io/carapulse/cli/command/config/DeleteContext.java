package io.carapulse.cli.command.config;

import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.CliException;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.connect.CliConfig;
import io.carapulse.cli.connect.ConfigStore;
import io.carapulse.cli.connect.Home;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code config delete-context NAME}. */
@Command(name = "delete-context", description = "Remove a context (and its inline token, if it kept one).")
final class DeleteContext extends CliCommand {

    @Parameters(paramLabel = "NAME", description = "The context's name.")
    String name;

    DeleteContext(Cli cli) {
        super(cli);
    }

    @Override
    protected boolean needsServer() {
        return false;
    }

    @Override
    protected ExitCode run() {
        ConfigStore store = new ConfigStore(Home.configFile(cli.env()));
        CliConfig config = store.load();
        if (config.context(name).isEmpty()) {
            throw new CliException(ExitCode.NOT_FOUND, "no context " + name + " in " + store.file());
        }
        store.save(new CliConfig(name.equals(config.currentContext()) ? null : config.currentContext(),
                config.contexts().stream().filter(c -> !c.name().equals(name)).toList()));
        out().println("context " + name + " deleted");
        return ExitCode.OK;
    }
}
