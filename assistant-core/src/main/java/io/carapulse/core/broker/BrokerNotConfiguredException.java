package io.carapulse.core.broker;

import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;

/** The broker was used on a server without a key encryption key (503 {@code broker_not_configured}). */
public class BrokerNotConfiguredException extends ProblemException {

    public BrokerNotConfiguredException() {
        super(ProblemCode.BROKER_NOT_CONFIGURED, "the credential broker has no key encryption key: set "
                + BrokerConfiguration.KEY_ENCRYPTION_KEY + " (docs/integrations.md#key-management)");
    }
}
