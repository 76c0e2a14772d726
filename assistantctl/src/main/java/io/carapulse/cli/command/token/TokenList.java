package io.carapulse.cli.command.token;

import com.fasterxml.jackson.core.type.TypeReference;
import io.carapulse.api.dto.PageView;
import io.carapulse.api.dto.TokenView;
import io.carapulse.cli.Cli;
import io.carapulse.cli.CliCommand;
import io.carapulse.cli.ExitCode;
import io.carapulse.cli.command.Paging;
import io.carapulse.cli.http.ApiClient;
import io.carapulse.cli.output.Ages;
import io.carapulse.cli.output.OutputOption;
import io.carapulse.cli.output.Printer;
import io.carapulse.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code token list}: never the tokens themselves (the server does not have them). */
@Command(name = "list", aliases = "ls", description = "List API tokens, newest first (never the tokens themselves).")
final class TokenList extends CliCommand {

    @Mixin
    Paging paging;

    @Mixin
    OutputOption output;

    TokenList(Cli cli) {
        super(cli);
    }

    @Override
    protected ExitCode run() {
        PageView<TokenView> page = api().get(ApiClient.query("/v1/tokens", ApiClient.params("limit", paging.limit(),
                "before", paging.before())), new TypeReference<PageView<TokenView>>() { });
        if (Printer.structured(out(), output.format(), page)) {
            return ExitCode.OK;
        }
        Table t = Table.of("ID", "NAME", "ROLES", "CREATED BY", "AGE", "LAST USED", "REVOKED");
        for (TokenView tok : page.items()) {
            t.row(tok.id(), tok.name(), String.join(",", tok.roles()), tok.createdBy(), Ages.since(tok.createdAt()),
                    tok.lastUsedAt() == null ? "never" : Ages.since(tok.lastUsedAt()) + " ago",
                    tok.revokedAt() == null ? null : style().status("REVOKED") + " " + tok.revokedAt());
        }
        paging.print(out(), err(), t, page, "tokens");
        return ExitCode.OK;
    }
}
