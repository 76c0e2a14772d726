package io.carapulse.api.error;

import java.util.Arrays;
import java.util.Optional;

/**
 * The stable error codes of the HTTP API, each with its HTTP status. Clients (assistantctl, the
 * console, scripts) branch on {@link #code()}; never rename one.
 */
public enum ProblemCode {
    UNAUTHENTICATED(401, "Unauthenticated"),
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    MALFORMED_REQUEST(400, "Malformed request"),
    /** A list's {@code before} is not a {@code next} value that same list gave out. */
    INVALID_CURSOR(400, "Invalid cursor"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    VALIDATION_FAILED(422, "Validation failed"),
    UNKNOWN_TOOL(422, "Unknown tool"),
    UNKNOWN_ACTION(422, "Unknown action"),
    TARGET_NOT_ALLOWED(422, "Target not allowed"),
    ENVIRONMENT_NOT_ALLOWED(422, "Environment not allowed"),
    /** A plan's arguments hold a credential, which would be stored as it is; secrets go by reference. */
    SECRET_IN_ARGUMENTS(422, "Secret in arguments"),
    /** A plan has more steps that write than its environment's guard rails allow in one plan. */
    TOO_MANY_WRITE_STEPS(422, "Too many write steps"),
    APPROVAL_REQUIRED(409, "Approval required"),
    APPROVAL_EXPIRED(409, "Approval expired"),
    APPROVAL_REJECTED(409, "Approval rejected"),
    APPROVAL_NOT_PENDING(409, "Approval not pending"),
    FINGERPRINT_MISMATCH(409, "Fingerprint mismatch"),
    SELF_APPROVAL_FORBIDDEN(403, "Self-approval forbidden"),
    BREAK_GLASS_REQUIRED(403, "Break-glass requirements not met"),
    NOT_ON_CALL(403, "Not on call"),
    EXECUTION_IN_PROGRESS(409, "Execution in progress"),
    /** A plan that writes may start only inside one of its environment's maintenance windows. */
    OUTSIDE_MAINTENANCE_WINDOW(409, "Outside maintenance window"),
    /** The environment is in a change freeze: no plan that writes starts until it ends. */
    CHANGE_FREEZE(409, "Change freeze"),
    /** The environment already has as many write executions under way as its guard rails allow. */
    TOO_MANY_RUNNING_WRITES(409, "Too many running writes"),
    INVALID_STATE(409, "Invalid state"),
    /** Something that may exist once already does (a second integration for a provider and scope). */
    CONFLICT(409, "Conflict"),
    SESSION_BUSY(409, "Session busy"),
    AUDIT_SIGNING_OFF(409, "Audit signing is off"),
    UNAVAILABLE(503, "Service unavailable"),
    LLM_NOT_CONFIGURED(503, "No language model configured"),
    LLM_UNAVAILABLE(503, "Language model unavailable"),
    LLM_AUTH_EXPIRED(503, "Language model credential expired"),
    LLM_REQUEST_REJECTED(502, "Language model refused the request"),
    /** The credential broker was used on a server without a key encryption key (carapulse.broker.key-encryption-key). */
    BROKER_NOT_CONFIGURED(503, "Credential broker not configured"),
    /** A linked service refused the credential it was given (401/403); nothing was stored. */
    CREDENTIAL_REJECTED(422, "Credential rejected"),
    /** A linked service could not be reached (connection refused, timeout, 5xx); nothing was stored. */
    PROVIDER_UNREACHABLE(502, "Provider unreachable"),
    /** A linked service is rate-limiting the calls (429, or 403 with its rate limit spent); nothing was stored. */
    PROVIDER_RATE_LIMITED(503, "Provider rate limited"),
    /** An integration exists but cannot issue its credential now (its secret is gone, its auth type mints nothing here). */
    CREDENTIAL_UNAVAILABLE(409, "Credential unavailable"),
    /** A write's preview (a proposed change's diff) could not be read from the provider; nothing was stored. */
    PREVIEW_FAILED(502, "Preview failed"),
    INTERNAL_ERROR(500, "Internal error");

    private final int status;
    private final String title;

    ProblemCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    /** The wire form, e.g. {@code approval_required}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public static Optional<ProblemCode> fromCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code().equals(code)).findFirst();
    }
}
