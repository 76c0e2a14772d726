package io.carapulse.tools.argocd.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.carapulse.api.redact.Redactor;
import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.family.HttpStatusMapper;

/**
 * The Argo CD family's {@link HttpStatusMapper}: the one place where a non-2xx answer of the Argo CD API
 * becomes an exception (S9, STYLE 6). Transient statuses (429, 502, 503, 504) are retriable only for
 * reads, and named {@code rate_limited} / {@code unavailable} there; a write that gets them is
 * {@code tool_failed} and is never retried blindly (S10). The gRPC-gateway body's {@code message} is
 * quoted, redacted.
 */
public final class ArgoHttpErrors implements HttpStatusMapper {

    /** The mapper of the argocd family. */
    public static final ArgoHttpErrors MAPPER = new ArgoHttpErrors();

    private static final ObjectMapper JSON = new ObjectMapper();

    private ArgoHttpErrors() {
    }

    /** The error code for {@code status}, as a write (or a read that may not be retried) sees it. */
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
            default -> ToolFailure.TOOL_FAILED;
        };
    }

    /** A retriable read is {@code rate_limited} (429) or {@code unavailable}; anything else is final. */
    @Override
    public RuntimeException exception(int status, boolean read, String message, ToolResult partial, Throwable cause) {
        if (read && retriable(status)) {
            return new RetriableToolException(status == 429 ? ToolFailure.RATE_LIMITED : ToolFailure.UNAVAILABLE,
                    message, partial, cause);
        }
        return new ToolException(failure(status), message, partial, cause);
    }

    /**
     * The exception for a non-2xx answer.
     *
     * @param read    whether the request belongs to a READ action (only those may be retried)
     * @param partial the evidence of the failed request, already redacted
     */
    public static RuntimeException toException(int status, String body, boolean read, Redactor redactor,
                                               ToolResult partial) {
        String message = "argocd API " + String.join(" ", partial.command()) + " answered " + status
                + detail(body, redactor);
        return MAPPER.exception(status, read, message, partial, null);
    }

    private static String detail(String body, Redactor redactor) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text;
        try {
            JsonNode node = JSON.readTree(body);
            text = node.path("message").asText(node.path("error").asText(""));
        } catch (java.io.IOException e) {
            text = body;
        }
        if (text.isBlank()) {
            return "";
        }
        text = redactor.redact(text.strip());
        return ": " + (text.length() > 500 ? text.substring(0, 500) + "…" : text);
    }
}
