package io.carapulse.api.approval;

import io.carapulse.api.error.PermanentException;

/**
 * A webhook delivery that is not authentic or not fresh. The message is for the server log; the
 * caller only ever learns {@code 401}.
 */
public class WebhookRejectedException extends PermanentException {

    public WebhookRejectedException(String message) {
        super("webhook_rejected", message);
    }
}
