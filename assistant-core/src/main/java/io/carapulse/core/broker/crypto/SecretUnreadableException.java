package io.carapulse.core.broker.crypto;

import io.carapulse.api.error.PermanentException;

/**
 * A stored secret cannot be decrypted: it was changed, moved to another owner or name, or the key that
 * wrapped it is wrong or not configured. The message names the secret's owner, name and key id, never
 * any key or plaintext.
 */
public class SecretUnreadableException extends PermanentException {

    public static final String CODE = "secret_unreadable";

    public SecretUnreadableException(String message) {
        super(CODE, message);
    }
}
