package io.carapulse.cli.command.token;

import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code token revoke ID}. */
@Command(name = "revoke", description = "Revoke an API token; it stops working on the very next request.")
final class TokenRevoke extends CliCommand {

    @Parameters(paramLabel = "ID", description = "The token id (tok_…), from assistantctl token list.")
    String id;

    TokenRevoke(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        api().delete("/v1/tokens/" + ApiClient.segment(id));
        out().println("token " + id + " revoked");
        return ExitCode.OK;
    }
}
