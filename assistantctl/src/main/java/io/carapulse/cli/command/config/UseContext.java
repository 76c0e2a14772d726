package io.carapulse.cli.command.config;

import io.carapulse.cli.Cli;
import io.carapulse.cli.connect.CliConfig;
import picocli.CommandLine.Command;

/** {@code config use-context NAME}. */
@Command(name = "use-context", description = "Make a context the current one.")
final class UseContext extends NamedContextCommand {

    UseContext(Cli cli) {
        super(cli);
    }

    @Override
    CliConfig change(CliConfig config) {
        return config.withCurrent(name);
    }

    @Override
    String done() {
        return "current context: " + name;
    }
}
