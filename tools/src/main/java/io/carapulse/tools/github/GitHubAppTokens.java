package io.carapulse.tools.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.error.PermanentException;
import io.carapulse.api.redact.Redactor;
import io.carapulse.api.tool.ToolException;
import io.carapulse.api.tool.ToolFailure;
import io.carapulse.tools.github.internal.AppJwt;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * GitHub App installation tokens, minted when a call needs one: the app's JWT ({@link AppJwt}, signed with
 * the private key read from its reference at that moment) is exchanged at
 * {@code POST /app/installations/{id}/access_tokens} for a token GitHub lets live an hour. The token is kept
 * in memory only, per API URL, app and installation, and used until five minutes before its
 * {@code expires_at}; then the next call mints another. Neither the key, the JWT nor the token is ever
 * logged, stored or put in a message.
 */
public final class GitHubAppTokens {

    /** How long before its expiry a token is no longer handed out. */
    public static final Duration RENEW_BEFORE = Duration.ofMinutes(5);
    private static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final Clock clock;
    private final Function<String, String> environment;
    private final Map<Key, Object> locks = new ConcurrentHashMap<>();
    private final Map<Key, Minted> tokens = new ConcurrentHashMap<>();

    /**
     * @param http        the client of the exchange
     * @param clock       the time the JWT is issued at and expiries are judged by
     * @param environment where {@code env:} references are read
     */
    public GitHubAppTokens(HttpClient http, Clock clock, Function<String, String> environment) {
        this.http = http;
        this.clock = clock;
        this.environment = environment;
    }

    private record Key(URI apiUrl, long appId, long installationId) {
    }

    /** A token and when GitHub expires it. Never printed. */
    private static final class Minted {
        private final String token;
        private final Instant expiresAt;

        Minted(String token, Instant expiresAt) {
            this.token = token;
            this.expiresAt = expiresAt;
        }

        @Override
        public String toString() {
            return "Minted[****, expires " + expiresAt + "]";
        }
    }

    /**
     * A token of {@code app}'s installation valid for at least five more minutes: the one in memory, or a new
     * one. {@code configuration_invalid} when the key cannot be read or is no RSA key; GitHub's refusal named
     * by {@link GitHubErrors} (401: the key or app id is wrong; 404: no such installation).
     */
    public String token(URI apiUrl, GitHubCredentials.App app, Instant deadline) {
        return installationToken(apiUrl, app, deadline).token();
    }

    /** An installation token and when GitHub expires it. {@code toString} never shows the token. */
    public record InstallationToken(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "InstallationToken[****, expires " + expiresAt + "]";
        }
    }

    /** As {@link #token}, with the token's expiry (for a caller that hands the token on with it). */
    public InstallationToken installationToken(URI apiUrl, GitHubCredentials.App app, Instant deadline) {
        Key key = new Key(apiUrl, app.appId(), app.installationId());
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            Minted cached = tokens.get(key);
            if (cached != null && clock.instant().isBefore(cached.expiresAt.minus(RENEW_BEFORE))) {
                return new InstallationToken(cached.token, cached.expiresAt);
            }
            tokens.remove(key);
            Minted minted = mint(key, app, deadline);
            tokens.put(key, minted);
            return new InstallationToken(minted.token, minted.expiresAt);
        }
    }

    private Minted mint(Key key, GitHubCredentials.App app, Instant deadline) {
        String what = "GitHub App " + app.appId() + " (installation " + app.installationId() + ")";
        String jwt;
        try {
            String pem = app.privateKey().resolve(environment).reveal();
            RSAPrivateKey privateKey = AppJwt.privateKey(pem);
            jwt = AppJwt.sign(app.appId(), privateKey, clock.instant());
        } catch (PermanentException e) {
            throw new ToolException(ToolFailure.CONFIGURATION_INVALID, "github: the private key of " + what + ": "
                    + e.getMessage(), null);
        } catch (IllegalArgumentException e) {
            throw new ToolException(ToolFailure.CONFIGURATION_INVALID, "github: the private key of " + what + " ("
                    + app.privateKey() + ") cannot be used: " + e.getMessage(), null);
        }
        URI uri = URI.create(key.apiUrl() + "/app/installations/" + app.installationId() + "/access_tokens");
        Duration left = Duration.between(Instant.now(), deadline);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                        : left.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : left)
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("Authorization", "Bearer " + jwt)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        Redactor redactor = Redactor.patterns().with(List.of(jwt));
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new ToolException(ToolFailure.TIMED_OUT, "github: " + uri.getHost() + " did not answer the token "
                    + "exchange of " + what + " in time", null);
        } catch (IOException e) {
            throw new ToolException(ToolFailure.UNAVAILABLE, "github: cannot reach " + uri.getHost() + " to mint a token "
                    + "for " + what + ": " + e.getClass().getSimpleName(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException(ToolFailure.CANCELLED, "github: interrupted while minting a token for " + what, null);
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            String message = body.path("message").asText("");
            ToolFailure failure = GitHubErrors.failure(response.statusCode(),
                    GitHubErrors.rateLimited(response.headers().map()));
            throw new ToolException(failure, "github: GitHub refused an installation token for " + what + ": HTTP "
                    + response.statusCode() + (message.isBlank() ? "" : " " + redactor.redact(message))
                    + (response.statusCode() == 401 ? " (check the app id and its private key)" : "")
                    + (response.statusCode() == 404 ? " (check the installation id)" : ""), null);
        }
        String token = body.path("token").asText("");
        Instant expiresAt = GitHubRest.instant(body.path("expires_at").asText(null));
        if (token.isBlank() || expiresAt == null) {
            throw new ToolException(ToolFailure.TOOL_FAILED, "github: the token exchange of " + what
                    + " answered without a token or expires_at", null);
        }
        return new Minted(token, expiresAt);
    }

    private static JsonNode parse(String text) {
        try {
            return GitHubRest.JSON.readTree(text == null || text.isBlank() ? "{}" : text);
        } catch (IOException e) {
            return GitHubRest.JSON.createObjectNode();
        }
    }
}
