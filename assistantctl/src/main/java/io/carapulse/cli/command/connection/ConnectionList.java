package io.carapulse.cli.command.connection;

import com.fasterxml.jackson.core.type.TypeReference;
import io.carapulse.api.dto.ConnectionView;
import io.carapulse.api.dto.PageView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.command.Paging;
import io.carapulse.cli.http.ApiClient;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import io.carapulse.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code connection list}. */
@Command(name = "list", aliases = "ls", description = "List your connections, newest first: provider, who the "
        + "provider says you are, status. Never a token.")
final class ConnectionList extends CliCommand {

    @Option(names = "--actor", paramLabel = "ACTOR", description = "Someone else's (admin only): their actor id, "
            + "e.g. oidc:alice or token:tok_….")
    String actor;

    @Mixin
    OutputOption output;

    ConnectionList(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        PageView<ConnectionView> page = api().get(ApiClient.query(Connections.BASE, ApiClient.params("actor", actor)),
                new TypeReference<PageView<ConnectionView>>() { });
        if (Printer.structured(out(), output.format(), page)) {
            return ExitCode.OK;
        }
        Table t = Table.of("ID", "PROVIDER", "USER", "STATUS", "SCOPES", "CONNECTED");
        for (ConnectionView v : page.items()) {
            t.row(v.id(), v.provider(), v.username(), v.status(), String.join(",", v.scopes()), v.createdAt());
        }
        Paging.print(out(), err(), t, "connections");
        return ExitCode.OK;
    }
}
