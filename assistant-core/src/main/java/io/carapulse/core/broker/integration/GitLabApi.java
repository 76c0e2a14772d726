package io.carapulse.core.broker.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.error.ProblemCode;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The GitLab REST calls of credential providers, each with GitLab's own request and answer shapes
 * ({@code doc/api/group_service_accounts.md}, {@code members.md}, {@code project_access_tokens.md}),
 * authenticated with {@code PRIVATE-TOKEN}. A non-2xx answer is a {@link Refusal} as
 * {@link CredentialCheck#failure} maps it; no message carries a token.
 */
@Singleton
class GitLabApi {

    /** What GitLab answered to a call that removes something: whether it is gone, the status, GitLab's message. */
    record Removal(boolean gone, int status, String message) {
    }

    /** A token GitLab minted: its id, its user's id, the token, its scopes and expiry. {@code toString} hides it. */
    record MintedToken(String id, String userId, String token, List<String> scopes, String expiresAt) {
        @Override
        public String toString() {
            return "MintedToken[" + id + ", user " + userId + ", " + scopes + ", expires " + expiresAt + "]";
        }
    }

    private final ProviderHttp http;

    GitLabApi(ProviderHttp http) {
        this.http = http;
    }

    /** {@code GET /api/v4/user}: who {@code token} is ({@code username}, {@code id}). */
    JsonNode user(URI base, String token) {
        return call(base, "GET", "/api/v4/user", null, token);
    }

    /** {@code GET /api/v4/groups/:id} or {@code /projects/:id}; a 404 is a refusal naming the field. */
    JsonNode target(URI base, String resource, String idOrPath, String token, String field) {
        URI uri = uri(base, "/api/v4/" + resource + "/" + encode(idOrPath));
        HttpResponse<String> r = http.send(Provider.GITLAB, "GET", uri, null, "PRIVATE-TOKEN", token);
        if (r.statusCode() == 404) {
            throw Refusal.invalid(field, "GitLab has no " + (resource.equals("groups") ? "group" : "project") + " '"
                    + idOrPath + "' that this token can reach (404)");
        }
        return ProviderHttp.object(Provider.GITLAB, uri, r, secrets(token));
    }

    /** {@code POST /api/v4/groups/:id/service_accounts}: a new service account ({@code id}, {@code username}). */
    JsonNode createServiceAccount(URI base, String groupId, String name, String token) {
        ObjectNode body = ProviderHttp.JSON.createObjectNode().put("name", name);
        return call(base, "POST", "/api/v4/groups/" + encode(groupId) + "/service_accounts", body, token);
    }

    /** {@code POST /api/v4/groups/:id/members}: the user joins the group with {@code accessLevel}. */
    void addMember(URI base, String groupId, String userId, int accessLevel, String token) {
        ObjectNode body = ProviderHttp.JSON.createObjectNode().put("user_id", Long.parseLong(userId))
                .put("access_level", accessLevel);
        call(base, "POST", "/api/v4/groups/" + encode(groupId) + "/members", body, token);
    }

    /** {@code POST /api/v4/groups/:id/service_accounts/:user_id/personal_access_tokens}. */
    MintedToken createServiceAccountToken(URI base, String groupId, String userId, String name, List<String> scopes,
                                          LocalDate expiresAt, String token) {
        ObjectNode body = ProviderHttp.JSON.createObjectNode().put("name", name).put("expires_at", expiresAt.toString());
        scopes.forEach(body.putArray("scopes")::add);
        return minted(call(base, "POST", "/api/v4/groups/" + encode(groupId) + "/service_accounts/" + userId
                + "/personal_access_tokens", body, token));
    }

    /** {@code POST /api/v4/projects/:id/access_tokens} (its bot user is created with it). */
    MintedToken createProjectToken(URI base, String projectId, String name, List<String> scopes, int accessLevel,
                                   LocalDate expiresAt, String token) {
        ObjectNode body = ProviderHttp.JSON.createObjectNode().put("name", name).put("access_level", accessLevel)
                .put("expires_at", expiresAt.toString());
        scopes.forEach(body.putArray("scopes")::add);
        return minted(call(base, "POST", "/api/v4/projects/" + encode(projectId) + "/access_tokens", body, token));
    }

    /** {@code DELETE /api/v4/groups/:id/service_accounts/:user_id}. Never throws: what GitLab said. */
    Removal deleteServiceAccount(URI base, String groupId, String userId, String token) {
        return remove(uri(base, "/api/v4/groups/" + encode(groupId) + "/service_accounts/" + userId), token);
    }

    /** {@code DELETE /api/v4/projects/:id/access_tokens/:token_id} (revokes it). Never throws: what GitLab said. */
    Removal deleteProjectToken(URI base, String projectId, String tokenId, String token) {
        return remove(uri(base, "/api/v4/projects/" + encode(projectId) + "/access_tokens/" + tokenId), token);
    }

    private Removal remove(URI uri, String token) {
        try {
            HttpResponse<String> r = http.send(Provider.GITLAB, "DELETE", uri, null, "PRIVATE-TOKEN", token);
            int status = r.statusCode();
            String message = secrets(token).scrub(CredentialCheck.message(r.body(), status));
            if (status / 100 == 2) {
                return new Removal(true, status, message.isEmpty() ? "deleted" : message);
            }
            if (status == 404) {
                return new Removal(true, status, "already gone: " + message);
            }
            return new Removal(false, status, message);
        } catch (Refusal e) {
            return new Removal(false, 0, e.getMessage());
        }
    }

    private JsonNode call(URI base, String method, String path, ObjectNode body, String token) {
        URI uri = uri(base, path);
        HttpResponse<String> r = http.send(Provider.GITLAB, method, uri, body == null ? null : body.toString(),
                "PRIVATE-TOKEN", token);
        if (r.statusCode() == 400 || r.statusCode() == 422) {
            throw new Refusal(ProblemCode.VALIDATION_FAILED, "GitLab refused " + method + " " + path + ": "
                    + r.statusCode() + " " + secrets(token).scrub(detail(r.body())));
        }
        return ProviderHttp.object(Provider.GITLAB, uri, r, secrets(token));
    }

    private static MintedToken minted(JsonNode t) {
        List<String> scopes = new java.util.ArrayList<>();
        t.path("scopes").forEach(s -> scopes.add(s.asText()));
        String token = ProviderHttp.text(t, "token");
        if (token == null || token.isBlank()) {
            throw new Refusal(ProblemCode.PROVIDER_UNREACHABLE, "GitLab created a token but did not answer with it");
        }
        return new MintedToken(ProviderHttp.text(t, "id"), ProviderHttp.text(t, "user_id"), token, scopes,
                ProviderHttp.text(t, "expires_at"));
    }

    /** GitLab's 400 message, which may be an object of field errors ({@code {"message":{"name":["is too long"]}}}). */
    private static String detail(String body) {
        try {
            JsonNode node = ProviderHttp.JSON.readTree(body == null ? "" : body);
            if (node != null && node.path("message").isContainerNode()) {
                String text = node.path("message").toString();
                return text.length() > 200 ? text.substring(0, 200) + "…" : text;
            }
        } catch (java.io.IOException e) {
            // below
        }
        return CredentialCheck.message(body, 400);
    }

    private static Credentials secrets(String token) {
        return new Credentials(Map.of("token", token));
    }

    private static URI uri(URI base, String path) {
        return ProviderHttp.resolve(base, path);
    }

    /** An id, or a full path URL-encoded as GitLab's namespaced paths are ({@code acme%2Fplatform}). */
    static String encode(String idOrPath) {
        return URLEncoder.encode(idOrPath, StandardCharsets.UTF_8);
    }
}
