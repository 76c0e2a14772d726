package io.carapulse.tools.boundary.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.tool.ToolContext;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.api.tool.ToolResult;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link BoundaryApi} over Boundary's REST API ({@code /v1}) for one call. A list follows Boundary's
 * pagination: while {@code response_type} is {@code delta} it asks again with the page's {@code list_token}
 * (an answer without {@code response_type}, from a controller before 0.16, is the whole list), drops the
 * {@code removed_ids}, and records every page's correlation id. A non-2xx answer goes through
 * {@link BoundaryErrors} with its envelope (S9).
 */
public final class RestBoundaryApi implements BoundaryApi {

    /** More pages than this is a controller that keeps answering {@code delta}: stop rather than loop. */
    private static final int MAX_PAGES = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BoundaryRest rest;
    private final String environment;
    private final boolean read;
    private final ToolContext ctx;

    /** @param read whether the call belongs to a READ action (only those may be retried) */
    public RestBoundaryApi(BoundaryRest rest, String environment, boolean read, ToolContext ctx) {
        this.rest = rest;
        this.environment = environment;
        this.read = read;
        this.ctx = ctx;
    }

    @Override
    public Reply readTarget(String id) {
        return one("GET", "/v1/targets/" + id, null);
    }

    @Override
    public Reply listTargets(String scope, Optional<String> filter) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("scope_id", scope);
        if (BoundaryApi.recursive(scope)) {
            query.put("recursive", "true");
        }
        filter.ifPresent(f -> query.put("filter", f));
        return list("/v1/targets", query);
    }

    @Override
    public Reply readScope(String id) {
        return one("GET", "/v1/scopes/" + id, null);
    }

    @Override
    public Reply listSessions(String scope, String filter, boolean includeTerminated) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("scope_id", scope);
        if (BoundaryApi.recursive(scope)) {
            query.put("recursive", "true");
        }
        query.put("filter", filter);
        if (includeTerminated) {
            query.put("include_terminated", "true");
        }
        return list("/v1/sessions", query);
    }

    @Override
    public Reply readSession(String id) {
        return one("GET", "/v1/sessions/" + id, null);
    }

    @Override
    public Reply readRole(String id) {
        return one("GET", "/v1/roles/" + id, null);
    }

    @Override
    public Reply addPrincipal(String role, long version, String principal) {
        return one("POST", "/v1/roles/" + role + ":add-principals", principals(version, principal));
    }

    @Override
    public Reply removePrincipal(String role, long version, String principal) {
        return one("POST", "/v1/roles/" + role + ":remove-principals", principals(version, principal));
    }

    @Override
    public Reply cancelSession(String id, long version) {
        return one("POST", "/v1/sessions/" + id + ":cancel",
                JsonNodeFactory.instance.objectNode().put("version", version));
    }

    private static ObjectNode principals(long version, String principal) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("version", version);
        body.putArray("principal_ids").add(principal);
        return body;
    }

    private Reply one(String method, String path, JsonNode body) {
        BoundaryRest.Answer answer = rest.authorized(environment, method, path, body, read, ctx);
        ToolResult evidence = BoundaryRest.evidence(answer.command(), answer.status(), answer.body(),
                answer.correlationId());
        return new Reply(parse(answer, evidence), evidence);
    }

    private Reply list(String path, Map<String, String> query) {
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        Set<String> removed = new HashSet<>();
        List<String> bodies = new ArrayList<>();
        List<String> correlationIds = new ArrayList<>();
        List<String> firstCommand = null;
        Integer lastStatus = null;
        String listToken = null;
        for (int page = 0; ; page++) {
            if (page == MAX_PAGES) {
                throw new ToolException(ToolFailure.TOOL_FAILED, "boundary API " + path + " was still paginating after "
                        + MAX_PAGES + " pages", evidence(firstCommand, lastStatus, bodies, correlationIds));
            }
            Map<String, String> q = new LinkedHashMap<>(query);
            if (listToken != null) {
                q.put("list_token", listToken);
            }
            BoundaryRest.Answer answer = rest.authorized(environment, "GET", path + encode(q), null, read, ctx);
            firstCommand = firstCommand == null ? answer.command() : firstCommand;
            lastStatus = answer.status();
            bodies.add(answer.body());
            correlationIds.add(answer.correlationId());
            JsonNode json = parse(answer, evidence(answer.command(), answer.status(), bodies, correlationIds));
            json.path("items").forEach(items::add);
            json.path("removed_ids").forEach(id -> removed.add(id.asText()));
            String type = json.path("response_type").asText("");
            listToken = json.path("list_token").asText("");
            if (!"delta".equals(type) || listToken.isEmpty()) {
                break;
            }
        }
        ArrayNode kept = JsonNodeFactory.instance.arrayNode();
        items.forEach(i -> {
            if (!removed.contains(i.path("id").asText())) {
                kept.add(i);
            }
        });
        return new Reply(kept, evidence(firstCommand, lastStatus, bodies, correlationIds));
    }

    private static ToolResult evidence(List<String> command, Integer status, List<String> bodies,
                                       List<String> correlationIds) {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("correlationId", correlationIds.get(0));
        if (correlationIds.size() > 1) {
            ids.put("correlationIds", String.join(",", correlationIds));
            ids.put("pages", Integer.toString(correlationIds.size()));
        }
        return new ToolResult(io.carapulse.api.tool.Transport.HTTP, command, null, status, String.join("\n", bodies),
                null, ids);
    }

    private JsonNode parse(BoundaryRest.Answer answer, ToolResult evidence) {
        if (answer.status() / 100 != 2) {
            JsonNode envelope = BoundaryErrors.envelope(answer.body());
            String message = "boundary API " + String.join(" ", answer.command()) + " answered " + answer.status()
                    + BoundaryErrors.detail(envelope, rest.redactor(environment));
            throw BoundaryErrors.MAPPER.exception(answer.status(), envelope, read, message, evidence);
        }
        try {
            JsonNode node = JSON.readTree(answer.body().isBlank() ? "{}" : answer.body());
            if (node == null || !node.isObject()) {
                throw new IOException("not an object");
            }
            return node;
        } catch (IOException e) {
            throw new ToolException(ToolFailure.TOOL_FAILED, "boundary API " + String.join(" ", answer.command())
                    + " answered " + answer.status() + " with a body that is not a JSON object", evidence);
        }
    }

    private static String encode(Map<String, String> query) {
        StringBuilder s = new StringBuilder();
        query.forEach((k, v) -> s.append(s.isEmpty() ? "?" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20")));
        return s.toString();
    }
}
