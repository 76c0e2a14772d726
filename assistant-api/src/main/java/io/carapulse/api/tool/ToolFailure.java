package io.carapulse.api.tool;

/**
 * Why a tool call failed: the closed set of codes a step's error carries ({@code step.error.code} in
 * the API, the evidence, the chat footer). Every family maps its exit codes and HTTP statuses onto
 * these in one place (an exit mapper, a status mapper), so the same failure reads the same whichever
 * family or transport met it. A new code is a change to this type, its docs and its callers.
 */
public enum ToolFailure {

    /** The arguments cannot work, beyond what the schema says (rules across fields, values the tool refuses). */
    INVALID_ARGUMENTS("invalid_arguments"),
    /** A target outside the environment's inventory (S6). */
    TARGET_NOT_ALLOWED("target_not_allowed"),
    /** The object the call names does not exist. */
    NOT_FOUND("not_found"),
    /** The service did not accept the credentials the environment holds. */
    UNAUTHENTICATED("unauthenticated"),
    /** The credentials are valid but lack the permission the call needs. */
    FORBIDDEN("forbidden"),
    /** The object changed under the call, or is in a state that forbids it. */
    CONFLICT("conflict"),
    /**
     * What the plan was approved against has changed since (a base file of a proposed change has another
     * SHA): the step refuses before it changes anything, and the plan must be made and approved again.
     */
    PRECONDITION_FAILED("precondition_failed"),
    /** The service refused the rate of calls; a read may be tried again. */
    RATE_LIMITED("rate_limited"),
    /** The service cannot be reached or answered 5xx; a read may be tried again. */
    UNAVAILABLE("unavailable"),
    /** The call did not finish before the step's deadline. */
    TIMED_OUT("timed_out"),
    /** The execution was cancelled while the call ran. */
    CANCELLED("cancelled"),
    /** Any other failure the tool reported (a non-zero exit, an unexpected answer). */
    TOOL_FAILED("tool_failed"),
    /** Neither the CLI nor the HTTP path can be used on this server for this call. */
    TRANSPORT_UNAVAILABLE("transport_unavailable"),
    /** The CLI the settings demand is not installed or not runnable. */
    CLI_UNAVAILABLE("cli_unavailable"),
    /** The environment's configuration for this family cannot serve the call (a secret reference that does not resolve). */
    CONFIGURATION_INVALID("configuration_invalid"),
    /** Reading the state a reversible write would be undone to failed, so the write was not made. */
    INVERSE_FAILED("inverse_failed"),
    /** Reading the state a reversible write would be undone to did not finish in time, so the write was not made. */
    INVERSE_TIMEOUT("inverse_timeout");

    private final String code;

    ToolFailure(String code) {
        this.code = code;
    }

    /** The wire form, e.g. {@code not_found}. */
    public String code() {
        return code;
    }
}
