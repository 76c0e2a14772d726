package io.carapulse.cli.command.connection;

import io.carapulse.cli.CommandGroup;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code assistantctl connection …}. */
@Command(name = "connection", aliases = "connections", description = "Your own OAuth connections to GitHub and "
        + "GitLab: list them, connect one (through your browser), revoke one.")
public final class ConnectionCommand implements CommandGroup {

    @Override
    public List<Class<?>> commands() {
        return List.of(ConnectionList.class, ConnectionConnect.class, ConnectionRevoke.class);
    }
}
