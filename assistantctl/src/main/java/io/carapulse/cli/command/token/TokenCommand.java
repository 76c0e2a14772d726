package io.carapulse.cli.command.token;

import picocli.CommandLine.Command;

/** {@code assistantctl token …}. */
@Command(name = "token", aliases = "tokens", description = "API tokens (admin only).",
        subcommands = {TokenCreate.class, TokenList.class, TokenRevoke.class})
public final class TokenCommand {
}
