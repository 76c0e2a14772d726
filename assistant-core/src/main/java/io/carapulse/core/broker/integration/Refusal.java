package io.carapulse.core.broker.integration;

import io.carapulse.api.error.ProblemCode;
import java.util.List;
import java.util.Map;

/**
 * Why a link was refused (an invalid request, a credential the service refused, a rate limit, a service
* that could not be reached), or why a credential could not be issued: the problem the API answers with, once the service has audited it. The
 * detail never holds a credential.
 */
public final class Refusal extends RuntimeException {

    private final ProblemCode code;
    private final Map<String, Object> extensions;

    Refusal(ProblemCode code, String detail) {
        this(code, detail, Map.of());
    }

    Refusal(ProblemCode code, String detail, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.code = code;
        this.extensions = Map.copyOf(extensions);
    }

    /** A 422 {@code validation_failed} about one field, with its {@code errors} entry. */
    static Refusal invalid(String path, String message) {
        return new Refusal(ProblemCode.VALIDATION_FAILED, path + ": " + message,
                Map.of("errors", List.of(Map.of("path", path, "message", message))));
    }

    public ProblemCode code() {
        return code;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
