package io.carapulse.llm.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carapulse.api.llm.LlmException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Objects;

/**
 * Trades a refresh token for new tokens at the OAuth token endpoint. Refresh tokens are single-use:
 * call this only under the store's lock, and persist what it returns before anything else can fail.
 */
public final class TokenRefresher {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OAuthSettings settings;
    private final HttpClient http;

    public TokenRefresher(OAuthSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * @throws LlmException.AuthExpired when the refresh token is dead (401, {@code refresh_token_*})
     * @throws LlmException.Unavailable  on a timeout, a connection failure, 408/429/5xx or an unreadable answer
     */
    RefreshedTokens refresh(AuthProfile profile) {
        ObjectNode body = JSON.createObjectNode()
                .put("client_id", settings.clientId())
                .put("grant_type", "refresh_token")
                .put("refresh_token", profile.refreshToken());
        HttpRequest request = HttpRequest.newBuilder(settings.tokenUrl())
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw unavailable(profile, "timed out after " + settings.requestTimeout(), e);
        } catch (IOException e) {
            throw unavailable(profile, "could not reach " + settings.tokenUrl() + " (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(profile, "interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw RefreshErrors.fromResponse(profile.id(), response.statusCode(), response.body());
        }
        return parse(profile, response.body());
    }

    private static RefreshedTokens parse(AuthProfile profile, String body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            throw unavailable(profile, "the token endpoint answered 2xx with a body that is not a JSON object", null);
        }
        return new RefreshedTokens(text(json, "id_token"), text(json, "access_token"), text(json, "refresh_token"));
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static LlmException.Unavailable unavailable(AuthProfile profile, String why, Throwable cause) {
        return new LlmException.Unavailable("refreshing auth profile " + profile.id() + " failed: " + why
                + "; try again later", cause);
    }
}
