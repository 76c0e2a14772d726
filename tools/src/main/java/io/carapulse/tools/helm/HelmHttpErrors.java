package io.carapulse.tools.helm;

import io.carapulse.api.tool.ToolFailure;

import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;

/**
 * How a failed read of Helm's release secrets through the Kubernetes API is named: the one HTTP
 * error mapper of the Helm integration, proven by {@code HelmHttpErrorsTest}. Only reads use the
 * HTTP path, so transient failures (429, 5xx, no connection) are retriable.
 */
public final class HelmHttpErrors {

    private HelmHttpErrors() {
    }

    /** The stable error code for an HTTP status; {@code 0} means no response at all. */
    public static ToolFailure code(int status) {
        return switch (status) {
            case 401 -> ToolFailure.UNAUTHENTICATED;
            case 403 -> ToolFailure.FORBIDDEN;
            case 404 -> ToolFailure.NOT_FOUND;
            case 409 -> ToolFailure.CONFLICT;
            case 429 -> ToolFailure.RATE_LIMITED;
            case 0 -> ToolFailure.UNAVAILABLE;
            default -> status >= 500 ? ToolFailure.UNAVAILABLE : ToolFailure.TOOL_FAILED;
        };
    }

    /** Whether a read that failed with {@code status} may pass if tried again. */
    public static boolean retriable(int status) {
        return status == 0 || status == 429 || status >= 500;
    }

    /**
     * The exception for a failed API call. {@code message} must already be redacted: it is built
     * from the status and Kubernetes' reason, never from request headers.
     */
    public static RuntimeException map(KubernetesClientException e, String method, String url, String message) {
        int status = Math.max(e.getCode(), 0);
        ToolResult evidence = new ToolResult(Transport.HTTP, List.of(method, url), null, status == 0 ? null : status,
                message, null, Map.of());
        ToolFailure code = code(status);
        if (retriable(status)) {
            return new RetriableToolException(code, message, evidence, e);
        }
        return new ToolException(code, message, evidence, e);
    }
}
