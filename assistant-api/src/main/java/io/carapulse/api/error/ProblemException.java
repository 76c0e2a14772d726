package io.carapulse.api.error;

import java.util.Map;

/**
 * A refusal the API reports as {@code application/problem+json} with a stable {@link ProblemCode}.
 * The detail is shown to users verbatim, so it must never carry a secret.
 */
public class ProblemException extends PermanentException {

    private final ProblemCode problem;
    private final Map<String, Object> extensions;
    private volatile boolean audited;

    public ProblemException(ProblemCode problem, String detail) {
        this(problem, detail, Map.of());
    }

    public ProblemException(ProblemCode problem, String detail, Map<String, Object> extensions) {
        super(problem.code(), detail);
        this.problem = problem;
        this.extensions = Map.copyOf(extensions);
    }

    public ProblemCode problem() {
        return problem;
    }

    /**
     * Marks this refusal as already in the audit chain (the service that refused it recorded it with
     * its own action and subject), so the HTTP layer does not record it a second time.
     */
    public ProblemException audited() {
        this.audited = true;
        return this;
    }

    public boolean isAudited() {
        return audited;
    }

    /** Extra members of the problem document, e.g. {@code errors} for validation failures. */
    public Map<String, Object> extensions() {
        return extensions;
    }
}
