package io.carapulse.tools.boundary.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.tool.ToolResult;
import java.util.Optional;

/**
 * The Boundary operations the actions use, over one transport for one call: the {@code boundary} CLI
 * ({@link CliBoundaryApi}) or the REST API ({@link RestBoundaryApi}). Every method runs one request (a list
 * follows its pages), throws the family's failure on an error, and returns the resource as Boundary
 * shapes it with the evidence of the request.
 */
public interface BoundaryApi {

    /**
     * One answer.
     *
     * @param body     the item ({@code read}, a write) or the array of items ({@code list}), redacted
     * @param evidence the request's evidence
     */
    record Reply(JsonNode body, ToolResult evidence) {
    }

    /** Whether a list in {@code scope} also covers its child scopes: for {@code global} and an org, not a project. */
    static boolean recursive(String scope) {
        return !scope.startsWith("p_");
    }

    /** {@code GET /v1/targets/{id}} · {@code boundary targets read -id}. */
    Reply readTarget(String id);

    /**
     * {@code GET /v1/targets?scope_id=…[&recursive=true][&filter=…]} ·
     * {@code boundary targets list -scope-id … [-recursive] [-filter …]}.
     */
    Reply listTargets(String scope, Optional<String> filter);

    /** {@code GET /v1/scopes/{id}} · {@code boundary scopes read -id}. */
    Reply readScope(String id);

    /** {@code GET /v1/sessions?scope_id=…&filter=…} · {@code boundary sessions list -scope-id … -filter …}. */
    Reply listSessions(String scope, String filter, boolean includeTerminated);

    /** {@code GET /v1/sessions/{id}} · {@code boundary sessions read -id}. */
    Reply readSession(String id);

    /** {@code GET /v1/roles/{id}} · {@code boundary roles read -id}. */
    Reply readRole(String id);

    /**
     * {@code POST /v1/roles/{id}:add-principals} ·
     * {@code boundary roles add-principals -id … -principal … -version …}.
     */
    Reply addPrincipal(String role, long version, String principal);

    /** {@code POST /v1/roles/{id}:remove-principals} · {@code boundary roles remove-principals …}. */
    Reply removePrincipal(String role, long version, String principal);

    /** {@code POST /v1/sessions/{id}:cancel} · {@code boundary sessions cancel -id}. */
    Reply cancelSession(String id, long version);
}
