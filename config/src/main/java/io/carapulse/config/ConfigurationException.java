package io.carapulse.config;

import io.carapulse.api.error.PermanentException;

/** Configuration that cannot work; raised at start-up with a message naming the key to fix. */
public class ConfigurationException extends PermanentException {

    public ConfigurationException(String message) {
        super("configuration_invalid", message);
    }
}
