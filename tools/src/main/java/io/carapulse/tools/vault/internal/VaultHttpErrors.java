package io.carapulse.tools.vault.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.carapulse.api.redact.Redactor;
import io.carapulse.api.tool.RetriableToolException;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.tools.family.HttpStatusMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The vault family's {@link HttpStatusMapper}: the one place where a non-2xx answer of the Vault HTTP API
 * becomes an exception (S9, STYLE 6). Vault answers {@code {"errors": ["…"]}}; the messages are quoted,
 * redacted. 503 is a sealed (or standby) Vault, 429 a rate limit (or an unsealed standby's health), 412 a
 * replica not yet consistent: retriable for reads only; a write is never retried blindly (S10).
 */
public final class VaultHttpErrors implements HttpStatusMapper {

    /** The mapper of the vault family. */
    public static final VaultHttpErrors MAPPER = new VaultHttpErrors();

    private static final ObjectMapper JSON = new ObjectMapper();

    private VaultHttpErrors() {
    }

    @Override
    public ToolFailure failure(int status) {
        if (status <= 0) {
            return ToolFailure.UNAVAILABLE;
        }
        return switch (status) {
            case 400 -> ToolFailure.INVALID_ARGUMENTS;
            case 401 -> ToolFailure.UNAUTHENTICATED;
            case 403 -> ToolFailure.FORBIDDEN;
            case 404 -> ToolFailure.NOT_FOUND;
            case 409 -> ToolFailure.CONFLICT;
            case 412 -> ToolFailure.PRECONDITION_FAILED;
            case 429 -> ToolFailure.RATE_LIMITED;
            case 472, 473, 502, 503, 504 -> ToolFailure.UNAVAILABLE;
            default -> ToolFailure.TOOL_FAILED;
        };
    }

    @Override
    public boolean retriable(int status) {
        return status <= 0 || status == 412 || status == 429 || status == 502 || status == 503 || status == 504;
    }

    /**
     * The exception for a non-2xx answer.
     *
     * @param what    what was asked, e.g. {@code vault API GET https://…/v1/sys/audit}
     * @param read    whether the request belongs to a READ action (only those may be retried)
     * @param partial the evidence of the failed request, already redacted
     */
    public static RuntimeException toException(String what, int status, String body, boolean read, Redactor redactor,
                                               ToolResult partial) {
        String message = what + " answered " + status + detail(status, body, redactor);
        return MAPPER.exception(status, read, message, partial, null);
    }

    /** Vault's {@code errors} (redacted, joined), with what 503 usually means. */
    static String detail(int status, String body, Redactor redactor) {
        List<String> errors = new ArrayList<>();
        try {
            JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
            if (node != null) {
                node.path("errors").forEach(e -> errors.add(e.asText()));
            }
        } catch (java.io.IOException e) {
            // not Vault's envelope (a proxy's page): say nothing of it
        }
        String text = redactor.redact(String.join("; ", errors).strip());
        if (text.isEmpty()) {
            return status == 503 ? ": Vault is sealed or unavailable" : "";
        }
        return ": " + (text.length() > 500 ? text.substring(0, 500) + "…" : text);
    }

    /** A request that got no answer: retriable for a read, final for a write that may have reached Vault. */
    static RuntimeException unanswered(String what, boolean read, ToolResult partial, Throwable cause) {
        String message = what + " got no answer: " + cause.getClass().getSimpleName();
        return read ? new RetriableToolException(ToolFailure.UNAVAILABLE, message, partial, cause)
                : new ToolException(ToolFailure.TOOL_FAILED, message + " (it may have reached Vault; not retried)",
                partial, cause);
    }
}
