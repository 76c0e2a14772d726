package io.carapulse.api.error;

/** A failure that may go away if the same call is made again (timeouts, 429/5xx, connection resets). */
public non-sealed class RetriableException extends CarapulseException {

    public RetriableException(String code, String message) {
        this(code, message, null);
    }

    public RetriableException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }

    @Override
    public final boolean retriable() {
        return true;
    }
}
