package io.carapulse.api.error;

/** A failure that the same call will always meet again: bad input, a refused decision, a missing thing. */
public non-sealed class PermanentException extends CarapulseException {

    public PermanentException(String code, String message) {
        this(code, message, null);
    }

    public PermanentException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }

    @Override
    public final boolean retriable() {
        return false;
    }
}
