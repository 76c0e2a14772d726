package io.carapulse.cli.command.llm;

import io.carapulse.cli.Cli;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.command.Paging;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import io.carapulse.cli.output.Table;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code llm auth list}: the profiles in the token sink, without their tokens. */
@Command(name = "list", description = "The auth profiles in the token sink: id, type, expiry, last refresh, source; "
        + "* marks each provider's default. Tokens are never shown.")
final class LlmAuthList extends LocalAuthCommand {

    @Mixin
    OutputOption output;

    LlmAuthList(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run(LocalAuth auth) {
        List<AuthViews.ProfileView> profiles = auth.admin().list().stream().map(AuthViews.ProfileView::of).toList();
        if (Printer.structured(out(), output.format(), profiles)) {
            return ExitCode.OK;
        }
        Table t = Table.of("DEFAULT", "ID", "TYPE", "EXPIRES", "LAST REFRESH", "SOURCE");
        profiles.forEach(p -> t.row(p.isDefault() ? "*" : "", p.id(), p.type(), p.expiresAt(), p.lastRefresh(),
                p.source()));
        Paging.print(out(), err(), t, "auth profiles in " + auth.store().path()
                + " (assistantctl llm auth login, or assistantctl llm auth import)");
        return ExitCode.OK;
    }
}
