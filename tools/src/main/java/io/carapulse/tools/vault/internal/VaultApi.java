package io.carapulse.tools.vault.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.carapulse.api.redact.Redactor;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.vault.VaultInstance;
import io.github.jopenlibs.vault.rest.RestException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Vault's HTTP API with the server's own token ({@link VaultSessions}): one request, a second one only
 * after a 403 that Vault gave because the token expired (then logged in again). Bodies never reach
 * evidence: a reply's evidence is the method, URL and status; the action puts what may be shown into its
 * result. Non-2xx answers go through {@link VaultHttpErrors} (S9).
 */
public final class VaultApi {

    private static final Duration MAX_REQUEST = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final VaultHttp http;
    private final VaultSessions sessions;

    public VaultApi(VaultHttp http, VaultSessions sessions) {
        this.http = http;
        this.sessions = sessions;
    }

    public VaultSessions sessions() {
        return sessions;
    }

    /**
     * One answered request.
     *
     * @param evidence  method + URL and status; no body
     * @param json      the body (may be {@link MissingNode} for 204); the caller shows only what may be shown
     * @param requestId Vault's {@code request_id}, or null
     * @param accessor  the accessor of the server token used, or null when unknown
     */
    public record Reply(ToolResult evidence, JsonNode json, String requestId, String accessor) {
    }

    /** A request with the server's token; {@code read} says whether it may be retried when it fails. */
    public Reply call(String environment, VaultInstance vault, String method, String path, JsonNode body, boolean read,
                      ToolContext ctx) {
        VaultSessions.Session session = sessions.current(environment, vault);
        VaultHttp.Raw raw = send(vault, method, path, body, session.token(), read, ctx, session.token());
        if (raw.status() == 403 && sessions.expired(environment, vault, session)) {
            session = sessions.current(environment, vault);
            raw = send(vault, method, path, body, session.token(), read, ctx, session.token());
        }
        return judge(vault, method, path, raw, Set.of(), read, Redactor.patterns().with(List.of(session.token())),
                session.accessor());
    }

    /** A request without a token (health): {@code accepted} statuses besides 2xx are answers, not failures. */
    public Reply unauthenticated(VaultInstance vault, String method, String path, Set<Integer> accepted, ToolContext ctx) {
        VaultHttp.Raw raw = send(vault, method, path, null, null, true, ctx, null);
        return judge(vault, method, path, raw, accepted, true, Redactor.patterns(), null);
    }

    private VaultHttp.Raw send(VaultInstance vault, String method, String path, JsonNode body, String token,
                               boolean read, ToolContext ctx, String secret) {
        String what = what(vault, method, path);
        if (ctx.cancellation().isCancelled()) {
            throw new ToolException(ToolFailure.CANCELLED, what + " was cancelled before it started", null);
        }
        try {
            return http.exchange(vault, method, path, body, token, timeout(ctx));
        } catch (RestException e) {
            throw VaultHttpErrors.unanswered(what, read, evidence(vault, method, path, null, Map.of()), e);
        }
    }

    private static Reply judge(VaultInstance vault, String method, String path, VaultHttp.Raw raw, Set<Integer> accepted,
                               boolean read, Redactor redactor, String accessor) {
        ToolResult evidence = evidence(vault, method, path, raw.status(), Map.of());
        if (raw.status() / 100 != 2 && !accepted.contains(raw.status())) {
            throw VaultHttpErrors.toException(what(vault, method, path), raw.status(), raw.body(), read, redactor,
                    evidence);
        }
        JsonNode json;
        try {
            json = raw.body().isBlank() ? MissingNode.getInstance() : JSON.readTree(raw.body());
        } catch (IOException e) {
            throw new ToolException(ToolFailure.TOOL_FAILED, what(vault, method, path) + " answered " + raw.status()
                    + " with a body that is not JSON", evidence);
        }
        String requestId = json.path("request_id").asText("");
        return new Reply(evidence, json, requestId.isEmpty() ? null : requestId, accessor);
    }

    /** {@code vault API GET https://…/v1/sys/audit}. */
    public static String what(VaultInstance vault, String method, String path) {
        return "vault API " + method + " " + VaultHttp.url(vault, path);
    }

    /** Evidence of one request: method + URL and status, never the body. */
    public static ToolResult evidence(VaultInstance vault, String method, String path, Integer status,
                                      Map<String, String> ids) {
        return new ToolResult(Transport.HTTP, List.of(method, VaultHttp.url(vault, path)), null, status, "", null, ids);
    }

    private static Duration timeout(ToolContext ctx) {
        Duration left = Duration.between(Instant.now(), ctx.deadline());
        return left.compareTo(MAX_REQUEST) > 0 ? MAX_REQUEST : left.isNegative() ? Duration.ofSeconds(1) : left;
    }
}
