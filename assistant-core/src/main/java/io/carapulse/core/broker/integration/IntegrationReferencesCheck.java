package io.carapulse.core.broker.integration;

import io.carapulse.config.ConfigurationException;
import io.carapulse.config.Environment;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.config.InventoryPart;
import io.carapulse.config.SecretRef;
import io.carapulse.core.broker.BrokerConfiguration;
import io.carapulse.core.broker.BrokerKeys;
import io.micronaut.context.annotation.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * At start-up: an environment whose inventory takes a credential from the broker
 * ({@code integration:<provider>}, {@link InventoryPart#brokerReferences()}) needs the broker, so a server
 * without a key encryption key stops with one line naming the environments and references, instead of
 * refusing every plan there later.
 */
@Context
public class IntegrationReferencesCheck {

    public IntegrationReferencesCheck(BrokerKeys keys, EnvironmentCatalog catalog) {
        if (keys.keyring().isPresent()) {
            return;
        }
        List<String> using = new ArrayList<>();
        for (Environment e : catalog.all()) {
            for (InventoryPart part : e.inventory().parts()) {
                for (SecretRef ref : part.brokerReferences()) {
                    using.add(EnvironmentCatalog.PREFIX + "." + e.name() + " (" + ref + ")");
                }
            }
        }
        if (!using.isEmpty()) {
            throw new ConfigurationException(String.join(", ", using) + ": integration: references need the credential "
                    + "broker, which is off; set " + BrokerConfiguration.KEY_ENCRYPTION_KEY_NAME
                    + " (docs/integrations.md#key-management)");
        }
    }
}
