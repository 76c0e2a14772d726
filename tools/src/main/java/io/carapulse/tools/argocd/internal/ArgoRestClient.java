package io.carapulse.tools.argocd.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.carapulse.api.redact.Redactor;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolResult;
import io.carapulse.api.tool.Transport;
import io.carapulse.tools.transport.JsonHttpCall;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Argo CD REST API ({@code /api/v1}) for the HTTP fallback, with the JDK client. The bearer
 * token travels only in the {@code Authorization} header; every body is redacted before anyone sees
 * it (S4); a non-2xx answer goes through {@link ArgoHttpErrors} (S9).
 */
public final class ArgoRestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<HttpClient> http;
    private final ArgoTargets targets;

    /** {@code http} is asked for at each call, so a caller can build its client at the first one. */
    public ArgoRestClient(Supplier<HttpClient> http, ArgoTargets targets) {
        this.http = http;
        this.targets = targets;
    }

    /**
     * One answered request: its evidence and the parsed (redacted) body.
     *
     * @param evidence method + URL, status and redacted body
     * @param json     the body as JSON
     */
    public record Reply(ToolResult evidence, JsonNode json) {
    }

    /** {@code GET /api/v1/applications/{name}}. */
    public Reply getApp(String environment, String app, boolean read, ToolContext ctx) {
        return send(environment, "GET", "/api/v1/applications/" + app, null, read, ctx);
    }

    /** {@code GET /api/v1/applications?projects=…} for each of the environment's projects. */
    public Reply listApps(String environment, ToolContext ctx) {
        StringBuilder query = new StringBuilder();
        targets.projects(environment).stream().sorted().forEach(p -> query.append(query.isEmpty() ? "?" : "&")
                .append("projects=").append(URLEncoder.encode(p, StandardCharsets.UTF_8)));
        return send(environment, "GET", "/api/v1/applications" + query, null, true, ctx);
    }

    /** {@code POST /api/v1/applications/{name}/{verb}} with a JSON body; never retried. */
    public Reply post(String environment, String app, String verb, JsonNode body, ToolContext ctx) {
        return send(environment, "POST", "/api/v1/applications/" + app + "/" + verb, body, false, ctx);
    }

    private Reply send(String environment, String method, String path, JsonNode body, boolean read, ToolContext ctx) {
        URI uri = URI.create(targets.baseUri(environment) + path);
        String token = targets.token(environment);
        Redactor redactor = targets.redactor(token);
        List<String> command = List.of(method, uri.toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token);
        JsonHttpCall.request(request, body == null ? null : body.toString(), ctx);
        HttpResponse<String> response = JsonHttpCall.send(http.get(), request.build(),
                "argocd API " + method + " " + uri, read, ctx, redactor, evidence(command, null, ""));
        String text = redactor.redact(response.body());
        ToolResult evidence = evidence(command, response.statusCode(), text);
        if (response.statusCode() / 100 != 2) {
            throw ArgoHttpErrors.toException(response.statusCode(), text, read, redactor, evidence);
        }
        try {
            return new Reply(evidence, JSON.readTree(text.isBlank() ? "{}" : text));
        } catch (IOException e) {
            throw new ToolException(ToolFailure.TOOL_FAILED, "argocd API " + method + " " + uri + " answered "
                    + response.statusCode() + " with a body that is not JSON", evidence);
        }
    }

    /** Evidence of one request; the core hashes and caps {@code output}. */
    public static ToolResult evidence(List<String> command, Integer status, String body) {
        return new ToolResult(Transport.HTTP, command, null, status, body, null, Map.of());
    }
}
