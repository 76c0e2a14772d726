package io.carapulse.cli.command.config;

import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.CliException;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.connect.CliConfig;
import io.carapulse.cli.connect.ConfigStore;
import io.carapulse.cli.connect.Home;
import picocli.CommandLine.Parameters;

/** A local command on one existing context of {@code config.yaml}: {@code use-context}, {@code delete-context}. */
abstract class NamedContextCommand extends CliCommand {

    @Parameters(paramLabel = "NAME", description = "The context's name.")
    String name;

    NamedContextCommand(Cli cli) {
        super(cli);
    }

    @Override
    protected boolean needsServer() {
        return false;
    }

    @Override
    protected final ExitCode run() {
        ConfigStore store = new ConfigStore(Home.configFile(cli.env()));
        CliConfig config = store.load();
        if (config.context(name).isEmpty()) {
            throw new CliException(ExitCode.NOT_FOUND, "no context " + name + " in " + store.file()
                    + " (create it with assistantctl config set-context " + name + " --server URL)");
        }
        store.save(change(config));
        out().println(done());
        return ExitCode.OK;
    }

    /** The configuration after the command. */
    abstract CliConfig change(CliConfig config);

    /** The line printed when it is saved. */
    abstract String done();
}
