package io.carapulse.tools.kubectl;

import io.carapulse.tools.family.HttpStatusMapper;

import io.carapulse.api.tool.ToolFailure;

import io.carapulse.api.redact.Redactor;
import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.List;
import java.util.Map;

/**
 * How a failed Kubernetes API call is named: the one HTTP status mapper of the kubectl integration
 * (STYLE 6), proven by {@code KubeHttpStatusTest}. A status of 0 or less is a request that got no
 * answer (connection refused or reset).
 */
public final class KubeHttpStatus {

    /** The Kubernetes API's statuses, as the family base reads them. */
    public static final HttpStatusMapper MAPPER = KubeHttpStatus::code;

    private KubeHttpStatus() {
    }

    /** The error code for an HTTP status. */
    public static ToolFailure code(int status) {
        if (status <= 0) {
            return ToolFailure.UNAVAILABLE;
        }
        return switch (status) {
            case 401 -> ToolFailure.UNAUTHENTICATED;
            case 403 -> ToolFailure.FORBIDDEN;
            case 404 -> ToolFailure.NOT_FOUND;
            case 409 -> ToolFailure.CONFLICT;
            case 422 -> ToolFailure.INVALID_ARGUMENTS;
            case 429 -> ToolFailure.RATE_LIMITED;
            default -> status >= 500 ? ToolFailure.UNAVAILABLE : ToolFailure.TOOL_FAILED;
        };
    }

    /** Whether a READ may be tried again after this status (no answer, 429, 502–504). */
    public static boolean retriable(int status) {
        return status <= 0 || status == 429 || status == 502 || status == 503 || status == 504;
    }

    /**
     * The failure of one API call as an exception with its evidence: a {@link RetriableToolException}
     * for a read that may pass later, else a {@link ToolException}. The message is redacted.
     */
    public static RuntimeException failure(KubernetesClientException e, boolean read, List<String> command,
                                           Redactor redactor) {
        int status = e.getCode();
        String message = redactor.redact("Kubernetes API " + String.join(" ", command) + " answered "
                + (status > 0 ? status : "nothing") + ": " + (e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage() : String.valueOf(e.getMessage())));
        ToolResult partial = new ToolResult(Transport.HTTP, command, null, status > 0 ? status : null, message,
                null, Map.of());
        if (read && retriable(status)) {
            return new RetriableToolException(code(status), message, partial, e);
        }
        return new ToolException(code(status), message, partial, e);
    }
}
