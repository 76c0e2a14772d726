package io.carapulse.cli;

import io.carapulse.api.error.ProblemCode;

/**
 * The process exit codes of {@code assistantctl}, one per class of outcome a script may branch on.
 * They are part of the CLI's contract (docs/cli.md): never renumber one.
 */
public enum ExitCode {
    /** Done. */
    OK(0),
    /** Anything not listed below: an internal server error, an answer the CLI did not expect. */
    ERROR(1),
    /** The command line is wrong: unknown option, missing argument, unreadable plan file. */
    USAGE(2),
    /** No such plan, execution, evidence, tool, token or context. */
    NOT_FOUND(3),
    /** No token, or one the server does not accept. */
    UNAUTHENTICATED(4),
    /** Your roles do not allow it (also: approving your own plan, break-glass requirements not met). */
    FORBIDDEN(5),
    /** The server refused the request's content: validation, unknown tool or action, target, environment. */
    INVALID(6),
    /**
     * The plan or execution cannot make that move now (state, a running execution, a changed fingerprint);
     * the server cannot sign audit checkpoints (no signing key).
     */
    CONFLICT(7),
    /** The plan writes and has no valid approval (none yet, or it expired). */
    APPROVAL_REQUIRED(8),
    /** The plan was rejected. */
    APPROVAL_REJECTED(9),
    /**
     * A followed execution ended FAILED, ROLLED_BACK or CANCELLED; also {@code chat}, on leaving, when
     * an execution started in it did.
     */
    EXECUTION_FAILED(10),
    /**
     * A followed execution is HELD: a write's outcome is unknown and a person must resolve it (also
     * {@code chat}, on leaving, when an execution started in it was held).
     */
    EXECUTION_HELD(11),
    /** A check found a problem: {@code audit verify} (a broken chain), {@code doctor}. */
    CHECK_FAILED(12),
    /** The server cannot be reached, or answered that it cannot serve now (503). */
    UNREACHABLE(13),
    /** The language model is not configured, did not answer, or its credential expired (chat). */
    LLM_UNAVAILABLE(14);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The exit code for a problem answer: by its stable {@code code}, else by its HTTP status. */
    public static ExitCode forProblem(String code, int status) {
        ProblemCode problem = ProblemCode.fromCode(code).orElse(null);
        if (problem == null) {
            return forStatus(status);
        }
        return switch (problem) {
            case NOT_FOUND -> NOT_FOUND;
            case UNAUTHENTICATED -> UNAUTHENTICATED;
            case FORBIDDEN, SELF_APPROVAL_FORBIDDEN, BREAK_GLASS_REQUIRED -> FORBIDDEN;
            case MALFORMED_REQUEST, INVALID_CURSOR, VALIDATION_FAILED, UNKNOWN_TOOL, UNKNOWN_ACTION, TARGET_NOT_ALLOWED,
                    ENVIRONMENT_NOT_ALLOWED, SECRET_IN_ARGUMENTS, TOO_MANY_WRITE_STEPS, PAYLOAD_TOO_LARGE,
                    UNSUPPORTED_MEDIA_TYPE, NOT_ACCEPTABLE, METHOD_NOT_ALLOWED -> INVALID;
            case INVALID_STATE, EXECUTION_IN_PROGRESS, APPROVAL_NOT_PENDING, FINGERPRINT_MISMATCH, AUDIT_SIGNING_OFF,
                    OUTSIDE_MAINTENANCE_WINDOW, CHANGE_FREEZE, TOO_MANY_RUNNING_WRITES -> CONFLICT;
            case APPROVAL_REQUIRED, APPROVAL_EXPIRED -> APPROVAL_REQUIRED;
            case APPROVAL_REJECTED -> APPROVAL_REJECTED;
            case UNAVAILABLE, PREVIEW_FAILED -> UNREACHABLE;
            case LLM_NOT_CONFIGURED, LLM_UNAVAILABLE, LLM_AUTH_EXPIRED, LLM_REQUEST_REJECTED -> LLM_UNAVAILABLE;
            case INTERNAL_ERROR -> ERROR;
            // a code added to the API later: its status says enough until it is listed here
            default -> forStatus(problem.status());
        };
    }

    /** For answers without a problem code we know (a proxy's page, a newer server's code). */
    static ExitCode forStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 409 -> CONFLICT;
            case 400, 405, 406, 413, 415, 422 -> INVALID;
            case 502, 503, 504 -> UNREACHABLE;
            default -> ERROR;
        };
    }
}
