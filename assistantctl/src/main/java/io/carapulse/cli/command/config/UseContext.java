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

/** {@code config use-context NAME}. */
@Command(name = "use-context", description = "Make a context the current one.")
final class UseContext extends CliCommand {

    @Parameters(paramLabel = "NAME", description = "The context's name.")
    String name;

    UseContext(Cli cli) {
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
            throw new CliException(ExitCode.NOT_FOUND, "no context " + name + " in " + store.file()
                    + " (create it with assistantctl config set-context " + name + " --server URL)");
        }
        store.save(config.withCurrent(name));
        out().println("current context: " + name);
        return ExitCode.OK;
    }
}
