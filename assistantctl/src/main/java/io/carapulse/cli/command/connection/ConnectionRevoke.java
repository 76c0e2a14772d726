package io.carapulse.cli.command.connection;

import io.carapulse.api.dto.ConnectionRevokedView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.http.ApiClient;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code connection revoke ID}. */
@Command(name = "revoke", description = "Revoke a connection (yours; an admin anyone's): at the provider when it "
        + "answers, and its tokens are deleted here in any case.")
final class ConnectionRevoke extends CliCommand {

    @Parameters(paramLabel = "ID", description = "The connection id (con_…), from assistantctl connection list.")
    String id;

    @Mixin
    OutputOption output;

    ConnectionRevoke(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        ConnectionRevokedView v = api().delete(Connections.BASE + "/" + ApiClient.segment(id), ConnectionRevokedView.class);
        if (Printer.structured(out(), output.format(), v)) {
            return ExitCode.OK;
        }
        out().println("connection " + id + " revoked" + (v.providerConfirmed() ? " (the provider confirmed)"
                : "user_token".equals(v.connection().kind()) ? " here; it was your own token: revoke it in your "
                        + v.connection().provider() + " account settings if it should stop working there too"
                : " here; the provider did not confirm: check the app's authorization in your account settings there"));
        return ExitCode.OK;
    }
}
