package io.carapulse.cli.command.token;

import io.carapulse.cli.CommandGroup;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code assistantctl token …}. */
@Command(name = "token", aliases = "tokens", description = "API tokens (admin only).")
public final class TokenCommand implements CommandGroup {

    @Override
    public List<Class<?>> commands() {
        return List.of(TokenCreate.class, TokenList.class, TokenRevoke.class);
    }
}
