package io.carapulse.core.broker.integration;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.tools.github.internal.AppJwt;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a GitHub App installation before anything is stored: the app's JWT ({@link AppJwt}: RS256,
 * {@code iss} the app id, issued a minute back, expiring within ten minutes) must open {@code GET /app}, whose
 * {@code id} must be the app id, then {@code GET /app/installations/{installationId}}, whose account becomes
 * the integration's {@code username}, its id the {@code externalId}, its permissions the {@code scopes}
 * ({@code contents:write}, …). Only the private key is stored; the JWT lives for these two calls.
 */
@Singleton
class GitHubAppCheck {

    private static final String API_VERSION = "2022-11-28";

    private final ProviderHttp http;
    private final Clock clock;

    GitHubAppCheck(ProviderHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    Provisioned check(Link link) {
        Credentials c = link.credentials();
        String appId = c.get("appId");
        String installationId = c.get("installationId");
        String jwt = AppJwt.sign(Long.parseLong(appId), AppJwt.privateKey(c.get("privateKey")), clock.instant());
        Credentials secrets = new Credentials(Map.of("privateKey", c.get("privateKey"), "jwt", jwt));

        URI appUri = ProviderHttp.resolve(link.baseUrl(), "/app");
        JsonNode app = ProviderHttp.object(Provider.GITHUB, appUri, get(appUri, jwt), secrets);
        if (!appId.equals(ProviderHttp.text(app, "id"))) {
            throw Refusal.invalid("credentials.appId", "the private key is GitHub App " + ProviderHttp.text(app, "id")
                    + " (" + ProviderHttp.text(app, "slug") + ")'s, not " + appId + "'s");
        }
        URI installationUri = ProviderHttp.resolve(link.baseUrl(), "/app/installations/" + installationId);
        HttpResponse<String> r = get(installationUri, jwt);
        if (r.statusCode() == 404) {
            throw Refusal.invalid("credentials.installationId", "GitHub App " + appId + " ("
                    + ProviderHttp.text(app, "slug") + ") has no installation " + installationId
                    + " (GitHub answered 404): is the app installed there, and is this the installation's id?");
        }
        JsonNode installation = ProviderHttp.object(Provider.GITHUB, installationUri, r, secrets);
        List<String> permissions = new ArrayList<>();
        installation.path("permissions").fields().forEachRemaining(e -> permissions.add(e.getKey() + ":" + e.getValue().asText()));
        permissions.sort(null);
        Identity identity = new Identity(ProviderHttp.text(installation.path("account"), "login"),
                ProviderHttp.text(installation, "id"), permissions);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("appId", appId);
        details.put("app", ProviderHttp.text(app, "slug"));
        details.put("installationId", installationId);
        details.put("account", identity.username());
        return new Provisioned(identity, link.baseUrl(),
                Map.of(Provider.GITHUB.secretName("private_key"), c.get("privateKey")), Source.app(appId), details);
    }

    private HttpResponse<String> get(URI uri, String jwt) {
        return http.send(Provider.GITHUB, "GET", uri, null, "Authorization", "Bearer " + jwt,
                "Accept", "application/vnd.github+json", "X-GitHub-Api-Version", API_VERSION);
    }
}
