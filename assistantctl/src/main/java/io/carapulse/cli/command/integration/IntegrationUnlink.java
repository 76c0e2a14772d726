package io.carapulse.cli.command.integration;

import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code integration unlink ID}. */
@Command(name = "unlink", description = "Unlink an integration: it, its environments and its stored credential "
        + "are deleted together.")
final class IntegrationUnlink extends CliCommand {

    @Parameters(paramLabel = "ID", description = "The integration id (int_…), from assistantctl integration list.")
    String id;

    IntegrationUnlink(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        api().delete(Integrations.path(id));
        out().println("integration " + id + " unlinked");
        return ExitCode.OK;
    }
}
