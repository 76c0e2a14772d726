package io.carapulse.api.llm;

import io.carapulse.api.error.PermanentException;
import io.carapulse.api.error.RetriableException;

/** The failures a model call can end in, each with a stable code the API and CLI show. */
public final class LlmException {

    public static final String NOT_CONFIGURED = "llm_not_configured";
    public static final String UNAVAILABLE = "llm_unavailable";
    public static final String AUTH_EXPIRED = "llm_auth_expired";
    public static final String REQUEST_REJECTED = "llm_request_rejected";

    private LlmException() {
    }

    /** No provider is configured, or its credential is missing. */
    public static final class NotConfigured extends PermanentException {
        public NotConfigured(String message) {
            super(NOT_CONFIGURED, message);
        }
    }

    /** Timeout, connection failure, 429 or 5xx that outlasted the retries. */
    public static final class Unavailable extends RetriableException {
        public Unavailable(String message, Throwable cause) {
            super(UNAVAILABLE, message, cause);
        }
    }

    /** The credential was refused and could not be refreshed; the message says which command fixes it. */
    public static final class AuthExpired extends PermanentException {
        public AuthExpired(String message) {
            super(AUTH_EXPIRED, message);
        }
    }

    /** The provider refused the request itself (400/404/422: unknown model, context too long, …). */
    public static final class RequestRejected extends PermanentException {
        public RequestRejected(String message) {
            super(REQUEST_REJECTED, message);
        }
    }
}
