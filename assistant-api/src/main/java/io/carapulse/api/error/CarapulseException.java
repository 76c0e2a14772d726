package io.carapulse.api.error;

/**
 * Root of every exception Carapulse raises on purpose. The tree is split by retriability:
 * {@link RetriableException} may succeed if tried again (a timeout, a 503), {@link PermanentException}
 * never will (bad input, a refused decision, a 404). Retry logic looks only at the retriable branch.
 */
public abstract sealed class CarapulseException extends RuntimeException
        permits RetriableException, PermanentException {

    private final String code;

    protected CarapulseException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** A stable, machine-readable code such as {@code approval_required}; part of the public API. */
    public String code() {
        return code;
    }

    /** Whether the same call may succeed if made again. */
    public abstract boolean retriable();
}
