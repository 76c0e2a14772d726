package io.carapulse.cli.command.integration;

import io.carapulse.cli.CommandGroup;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code assistantctl integration …}. */
@Command(name = "integration", aliases = "integrations", description = "The credential broker's integrations "
        + "(GitHub, GitLab, Jira, generic tokens): list them, show one, link one (its token read from stdin, a file "
        + "or an environment variable, never the command line), unlink one, rotate the key encryption key; GitLab "
        + "credential providers.")
public final class IntegrationCommand implements CommandGroup {

    @Override
    public List<Class<?>> commands() {
        return List.of(IntegrationList.class, IntegrationShow.class, IntegrationLink.class, IntegrationUnlink.class,
                IntegrationRotateKey.class, ProviderCommand.class, IntegrationCredentials.class);
    }
}
