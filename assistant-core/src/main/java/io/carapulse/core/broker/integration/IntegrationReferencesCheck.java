package io.carapulse.core.broker.integration;

import io.carapulse.config.ConfigurationException;
import io.carapulse.config.Environment;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.config.SecretRef;
import io.carapulse.core.broker.BrokerConfiguration;
import io.carapulse.core.broker.BrokerKeys;
import io.carapulse.tools.github.GitHubCredentials;
import io.carapulse.tools.github.GitHubInventory;
import io.carapulse.tools.gitlab.GitlabInventory;
import io.micronaut.context.annotation.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * At start-up: an environment whose github or gitlab section takes its token from the broker
 * ({@code integration:<provider>}) needs the broker, so a server without a key encryption key stops
 * with one line naming the sections, instead of refusing every plan there later.
 */
@Context
public class IntegrationReferencesCheck {

    public IntegrationReferencesCheck(BrokerKeys keys, EnvironmentCatalog catalog) {
        if (keys.keyring().isPresent()) {
            return;
        }
        List<String> using = new ArrayList<>();
        for (Environment e : catalog.all()) {
            Optional<SecretRef> github = e.inventory().part(GitHubInventory.class).map(GitHubInventory::credentials)
                    .filter(GitHubCredentials.Token.class::isInstance).map(c -> ((GitHubCredentials.Token) c).ref());
            github.filter(SecretRef::isIntegration).ifPresent(r ->
                    using.add(EnvironmentCatalog.PREFIX + "." + e.name() + ".github.token"));
            e.inventory().part(GitlabInventory.class).map(GitlabInventory::token).filter(SecretRef::isIntegration)
                    .ifPresent(r -> using.add(EnvironmentCatalog.PREFIX + "." + e.name() + ".gitlab.token"));
        }
        if (!using.isEmpty()) {
            throw new ConfigurationException(String.join(", ", using) + ": integration: references need the credential "
                    + "broker, which is off; set " + BrokerConfiguration.KEY_ENCRYPTION_KEY_NAME
                    + " (docs/integrations.md#key-management)");
        }
    }
}
