package io.carapulse.tools.boundary.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.carapulse.api.redact.Redactor;
import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.family.HttpStatusMapper;
import java.io.IOException;

/**
 * The Boundary family's {@link HttpStatusMapper}: the one place where a Boundary error — an HTTP status
 * with its envelope {@code {"kind": …, "message": …, "details": …}}, whether it came over HTTP or printed
 * by the CLI — becomes a failure (S9, STYLE 6). Boundary answers a failed check-and-set (a role's
 * {@code version} moved) with 400 and kind {@code FailedPrecondition}: {@code conflict}; other 400s are
 * {@code invalid_arguments}. Transient statuses (429, 502–504, no answer) are retriable for reads only.
 */
public final class BoundaryErrors implements HttpStatusMapper {

    /** The mapper of the boundary family. */
    public static final BoundaryErrors MAPPER = new BoundaryErrors();

    private static final ObjectMapper JSON = new ObjectMapper();

    private BoundaryErrors() {
    }

    @Override
    public ToolFailure failure(int status) {
        return failure(status, "");
    }

    /** The failure for {@code status} and the envelope's {@code kind}. */
    public ToolFailure failure(int status, String kind) {
        if (status <= 0) {
            return ToolFailure.UNAVAILABLE;
        }
        return switch (status) {
            case 400 -> "FailedPrecondition".equals(kind) ? ToolFailure.CONFLICT : ToolFailure.INVALID_ARGUMENTS;
            case 401 -> ToolFailure.UNAUTHENTICATED;
            case 403 -> ToolFailure.FORBIDDEN;
            case 404 -> ToolFailure.NOT_FOUND;
            case 409, 412 -> ToolFailure.CONFLICT;
            case 429 -> ToolFailure.RATE_LIMITED;
            default -> status >= 500 ? ToolFailure.UNAVAILABLE : ToolFailure.TOOL_FAILED;
        };
    }

    /**
     * The exception for a Boundary error: retriable only for a read that may pass later, final otherwise.
     *
     * @param envelope the (redacted) error envelope, or null
     */
    public RuntimeException exception(int status, JsonNode envelope, boolean read, String message, ToolResult partial) {
        String kind = envelope == null ? "" : envelope.path("kind").asText("");
        ToolFailure failure = failure(status, kind);
        return read && retriable(status)
                ? new RetriableToolException(failure, message, partial, null)
                : new ToolException(failure, message, partial, null);
    }

    /** The envelope in {@code body}, or null when it is not one. */
    public static JsonNode envelope(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code ": <kind>: <message> (field: description, …)"} from an envelope, redacted and capped. */
    public static String detail(JsonNode envelope, Redactor redactor) {
        if (envelope == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        String kind = envelope.path("kind").asText("");
        String message = envelope.path("message").asText("");
        if (!kind.isEmpty()) {
            text.append(kind);
        }
        if (!message.isEmpty()) {
            text.append(text.isEmpty() ? "" : ": ").append(message);
        }
        for (JsonNode field : envelope.path("details").path("request_fields")) {
            text.append(" (").append(field.path("name").asText()).append(": ")
                    .append(field.path("description").asText()).append(')');
        }
        if (text.isEmpty()) {
            return "";
        }
        String s = redactor.redact(text.toString().strip());
        return ": " + (s.length() > 500 ? s.substring(0, 500) + "…" : s);
    }
}
