package io.carapulse.core.broker.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.config.SecretRef;
import io.carapulse.api.error.PermanentException;
import io.carapulse.core.broker.crypto.Plaintext;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The calls to a provider's OAuth endpoints: the authorize URL, the code exchange and the refresh at the
 * token endpoint (a form POST with the client id and secret in the body, {@code Accept: application/json}),
 * who the token is ({@code GET {api}/user}) and revocation (GitHub: {@code DELETE
 * /applications/{client_id}/grant} with basic auth; GitLab: {@code POST /oauth/revoke}). An OAuth error
 * answer (GitHub sends it as a 200, GitLab as a 400) is a {@link TokenRefused} with the provider's code;
 * a network failure or an answer that is not the provider's JSON is {@code 502 provider_unreachable}.
 * Nothing is logged; no message carries a token, a code or the client secret.
 */
@Singleton
class OAuthClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE = 200;

    private final HttpClient http;
    private final Clock clock;

    OAuthClient(Clock clock) {
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Tokens a token endpoint granted; close it once they are stored. */
    record Grant(Plaintext accessToken, Plaintext refreshToken, Instant expiresAt, List<String> scopes)
            implements AutoCloseable {

        @Override
        public void close() {
            accessToken.close();
            if (refreshToken != null) {
                refreshToken.close();
            }
        }

        @Override
        public String toString() {
            return "Grant[expiresAt=" + expiresAt + ", scopes=" + scopes + "]";
        }
    }

    /** Who the provider says the token's person is. */
    record Identity(String username, String externalId) {
    }

    /** The token endpoint answered with an OAuth error ({@code bad_verification_code}, {@code invalid_grant}, …). */
    static final class TokenRefused extends RuntimeException {

        private final String error;

        TokenRefused(String error, String description) {
            super(description, null, false, false);
            this.error = error;
        }

        String error() {
            return error;
        }
    }

    URI authorizeUrl(OAuthApp app, String state, String challenge) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("client_id", app.clientId());
        q.put("redirect_uri", app.redirectUri().toString());
        q.put("response_type", "code");
        q.put("scope", String.join(" ", app.scopes()));
        q.put("state", state);
        q.put("code_challenge", challenge);
        q.put("code_challenge_method", "S256");
        return URI.create(app.authorizeUrl() + "?" + form(q));
    }

    /** The authorization code grant, with the PKCE verifier. */
    Grant exchange(OAuthApp app, String code, String verifier, Duration timeout) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "authorization_code");
        f.put("code", code);
        f.put("redirect_uri", app.redirectUri().toString());
        f.put("code_verifier", verifier);
        return token(app, f, timeout);
    }

    /** The refresh token grant. */
    Grant refresh(OAuthApp app, Plaintext refreshToken, Duration timeout) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "refresh_token");
        f.put("refresh_token", refreshToken.reveal());
        return token(app, f, timeout);
    }

    Identity identity(OAuthApp app, Plaintext accessToken, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.apiUrl() + "/user")).timeout(timeout).GET()
                .header("Authorization", "Bearer " + accessToken.reveal())
                .header("Accept", app.provider() == ConnectionProvider.GITHUB ? "application/vnd.github+json"
                        : "application/json")
                .header("User-Agent", "carapulse-broker").build();
        HttpResponse<String> r = send(app, request);
        JsonNode user = object(app, r);
        if (r.statusCode() != 200 || !user.hasNonNull("id")) {
            throw new ProblemException(ProblemCode.PROVIDER_UNREACHABLE, app.provider().display() + " did not say who the"
                    + " new token is: " + r.statusCode() + " " + message(user) + "; nothing was stored");
        }
        return new Identity(user.path(app.provider().loginField()).asText(null), user.path("id").asText());
    }

    /** Revokes the grant behind {@code accessToken}; whether the provider confirmed it. Never throws. */
    boolean revoke(OAuthApp app, Plaintext accessToken, Duration timeout) {
        try {
            String secret = clientSecret(app);
            HttpRequest request;
            if (app.provider() == ConnectionProvider.GITHUB) {
                String body = JSON.writeValueAsString(Map.of("access_token", accessToken.reveal()));
                String basic = Base64.getEncoder().encodeToString((app.clientId() + ":" + secret)
                        .getBytes(StandardCharsets.UTF_8));
                request = HttpRequest.newBuilder(URI.create(app.apiUrl() + "/applications/"
                                + URLEncoder.encode(app.clientId(), StandardCharsets.UTF_8) + "/grant"))
                        .timeout(timeout).method("DELETE", HttpRequest.BodyPublishers.ofString(body))
                        .header("Authorization", "Basic " + basic).header("Accept", "application/vnd.github+json")
                        .header("Content-Type", "application/json").header("User-Agent", "carapulse-broker").build();
            } else {
                Map<String, String> f = new LinkedHashMap<>();
                f.put("token", accessToken.reveal());
                f.put("client_id", app.clientId());
                f.put("client_secret", secret);
                request = HttpRequest.newBuilder(app.revokeUrl()).timeout(timeout)
                        .POST(HttpRequest.BodyPublishers.ofString(form(f)))
                        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                        .header("User-Agent", "carapulse-broker").build();
            }
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2;
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Grant token(OAuthApp app, Map<String, String> fields, Duration timeout) {
        Map<String, String> f = new LinkedHashMap<>(fields);
        f.put("client_id", app.clientId());
        f.put("client_secret", clientSecret(app));
        HttpRequest request = HttpRequest.newBuilder(app.tokenUrl()).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(form(f)))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .header("User-Agent", "carapulse-broker").build();
        Instant sent = clock.instant();
        HttpResponse<String> r = send(app, request);
        JsonNode body = object(app, r);
        if (body.path("error").isTextual()) {
            throw new TokenRefused(body.path("error").asText(), message(body));
        }
        if (r.statusCode() != 200 || !body.path("access_token").isTextual()) {
            throw new ProblemException(ProblemCode.PROVIDER_UNREACHABLE, app.provider().display()
                    + "'s token endpoint answered " + r.statusCode() + " without a token; nothing was stored");
        }
        Instant expiresAt = body.path("expires_in").canConvertToLong() && body.path("expires_in").asLong() > 0
                ? sent.plusSeconds(body.path("expires_in").asLong()) : null;
        List<String> scopes = Arrays.stream(body.path("scope").asText("").split("[ ,]+"))
                .filter(s -> !s.isBlank()).toList();
        return new Grant(Plaintext.ofString(body.path("access_token").asText()),
                body.path("refresh_token").isTextual() ? Plaintext.ofString(body.path("refresh_token").asText()) : null,
                expiresAt, scopes);
    }

    private String clientSecret(OAuthApp app) {
        SecretRef ref = app.clientSecret();
        try {
            return ref.resolve().reveal();
        } catch (PermanentException e) {
            throw new ProblemException(ProblemCode.UNAVAILABLE, "the client secret of the " + app.provider().display()
                    + " OAuth app (" + OAuthApp.key(app.provider(), "client-secret") + " = " + ref
                    + ") is not set or not readable");
        }
    }

    private HttpResponse<String> send(OAuthApp app, HttpRequest request) {
        String where = app.provider().display() + " at " + request.uri().getScheme() + "://" + request.uri().getAuthority();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new ProblemException(ProblemCode.PROVIDER_UNREACHABLE, where + " did not answer in time");
        } catch (IOException e) {
            throw new ProblemException(ProblemCode.PROVIDER_UNREACHABLE, where + " could not be reached ("
                    + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(ProblemCode.PROVIDER_UNREACHABLE, "the call to " + where + " was interrupted");
        }
    }

    private static JsonNode object(OAuthApp app, HttpResponse<String> r) {
        try {
            JsonNode node = JSON.readTree(r.body() == null ? "" : r.body());
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // below
        }
        throw new ProblemException(ProblemCode.PROVIDER_UNREACHABLE, app.provider().display() + " answered "
                + r.statusCode() + " but not with the JSON it sends: is the URL the provider's?");
    }

    /** The provider's own words ({@code error_description}, {@code message}), short and printable. */
    static String message(JsonNode body) {
        String text = body.path("error_description").isTextual() ? body.path("error_description").asText()
                : body.path("message").isTextual() ? body.path("message").asText() : "";
        text = text.replaceAll("\\p{Cntrl}", " ").strip();
        return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "…" : text;
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
