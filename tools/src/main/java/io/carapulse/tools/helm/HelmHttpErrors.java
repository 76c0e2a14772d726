package io.carapulse.tools.helm;

import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.family.HttpStatusMapper;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;

/**
 * How a failed read of Helm's release secrets through the Kubernetes API is named: the Helm family's
 * {@link HttpStatusMapper}, proven by {@code HelmHttpErrorsTest}. Only reads use the HTTP path, so
 * transient failures (429, any 5xx, no connection) are retriable.
 */
public final class HelmHttpErrors implements HttpStatusMapper {

    /** The one mapper of the family. */
    public static final HelmHttpErrors MAPPER = new HelmHttpErrors();

    private HelmHttpErrors() {
    }

    /** The failure for an HTTP status; {@code 0} or less means no response at all. */
    @Override
    public ToolFailure failure(int status) {
        if (status <= 0) {
            return ToolFailure.UNAVAILABLE;
        }
        return switch (status) {
            case 401 -> ToolFailure.UNAUTHENTICATED;
            case 403 -> ToolFailure.FORBIDDEN;
            case 404 -> ToolFailure.NOT_FOUND;
            case 409 -> ToolFailure.CONFLICT;
            case 429 -> ToolFailure.RATE_LIMITED;
            default -> status >= 500 ? ToolFailure.UNAVAILABLE : ToolFailure.TOOL_FAILED;
        };
    }

    /** Any 5xx, wider than the base's 502–504: the HTTP path only reads, so trying again does no harm. */
    @Override
    public boolean retriable(int status) {
        return status <= 0 || status == 429 || status >= 500;
    }

    /**
     * The exception for a failed read with its HTTP evidence. {@code message} must already be redacted:
     * it is built from the status and Kubernetes' reason, never from request headers.
     */
    public static RuntimeException map(KubernetesClientException e, String method, String url, String message) {
        int status = Math.max(e.getCode(), 0);
        ToolResult evidence = new ToolResult(Transport.HTTP, List.of(method, url), null, status == 0 ? null : status,
                message, null, Map.of());
        return MAPPER.exception(status, true, message, evidence, e);
    }
}
