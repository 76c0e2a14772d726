package io.carapulse.cli.command.integration;

import io.carapulse.cli.CommandGroup;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code assistantctl integration provider …}: GitLab credential providers. */
@Command(name = "provider", aliases = "providers", description = {"GitLab credential providers: an Owner's token "
        + "held by the broker that mints a dedicated GitLab identity (a group service account, or a project access "
        + "token) for each integration linked with --automated, and deprovisions it on unlink.",
        "The token is read from stdin, file:PATH or env:NAME; never from the command line."})
public final class ProviderCommand implements CommandGroup {

    @Override
    public List<Class<?>> commands() {
        return List.of(ProviderRegister.class, ProviderList.class, ProviderShow.class, ProviderRemove.class);
    }
}
