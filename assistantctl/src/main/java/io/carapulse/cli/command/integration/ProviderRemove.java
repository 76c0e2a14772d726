package io.carapulse.cli.command.integration;

import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code integration provider remove ID}. */
@Command(name = "remove", aliases = "rm", description = "Remove a credential provider and its stored token; refused "
        + "while integrations hold identities it minted (unlink them first).")
final class ProviderRemove extends CliCommand {

    @Parameters(paramLabel = "ID", description = "The credential provider id (cpr_…).")
    String id;

    ProviderRemove(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        api().delete(Providers.path(id));
        out().println("credential provider " + id + " removed");
        return ExitCode.OK;
    }
}
