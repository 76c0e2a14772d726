package io.carapulse.tools.argocd.internal;

import io.carapulse.api.tool.ToolFailure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.carapulse.api.redact.Redactor;
import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolResult;

/**
 * The one place where a non-2xx answer of the Argo CD API becomes an exception (S9, STYLE 6).
 * Transient statuses (429, 502, 503, 504) are retriable only for reads: a write is never retried
 * blindly (S10). The gRPC-gateway body's {@code message} is quoted, redacted.
 */
public final class ArgoHttpErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ArgoHttpErrors() {
    }

    /** The error code for {@code status}, as a write would see it. */
    public static ToolFailure code(int status) {
        return switch (status) {
            case 401 -> ToolFailure.UNAUTHENTICATED;
            case 403 -> ToolFailure.FORBIDDEN;
            case 404 -> ToolFailure.NOT_FOUND;
            case 409 -> ToolFailure.CONFLICT;
            default -> ToolFailure.TOOL_FAILED;
        };
    }

    /** Whether a read that got {@code status} may be tried again. */
    public static boolean retriable(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504;
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
        if (read && retriable(status)) {
            return new RetriableToolException(status == 429 ? ToolFailure.RATE_LIMITED : ToolFailure.UNAVAILABLE, message, partial, null);
        }
        return new ToolException(code(status), message, partial);
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
