package io.carapulse.cli.command.config;

import io.carapulse.cli.Cli;
import io.carapulse.cli.connect.CliConfig;
import picocli.CommandLine.Command;

/** {@code config delete-context NAME}. */
@Command(name = "delete-context", description = "Remove a context (and its inline token, if it kept one).")
final class DeleteContext extends NamedContextCommand {

    DeleteContext(Cli cli) {
        super(cli);
    }

    @Override
    CliConfig change(CliConfig config) {
        return new CliConfig(name.equals(config.currentContext()) ? null : config.currentContext(),
                config.contexts().stream().filter(c -> !c.name().equals(name)).toList());
    }

    @Override
    String done() {
        return "context " + name + " deleted";
    }
}
