package io.carapulse.llm.auth;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how tokens are refreshed.
 *
 * @param tokenUrl       the OAuth token endpoint ({@code https://auth.openai.com/oauth/token}; tests point it at a local server)
 * @param clientId       the Codex CLI's public client id, which issued the refresh tokens Carapulse imports
 * @param connectTimeout bound on opening the connection
 * @param requestTimeout bound on the whole refresh call
 */
public record OAuthSettings(URI tokenUrl, String clientId, Duration connectTimeout, Duration requestTimeout) {

    public static final URI OPENAI_TOKEN_URL = URI.create("https://auth.openai.com/oauth/token");
    public static final String CODEX_CLIENT_ID = "app_EMoamEEZ73f0CkXaXp7hrann";

    public OAuthSettings {
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    public static OAuthSettings defaults() {
        return new OAuthSettings(OPENAI_TOKEN_URL, CODEX_CLIENT_ID, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    public OAuthSettings withTokenUrl(URI url) {
        return new OAuthSettings(url, clientId, connectTimeout, requestTimeout);
    }

    public OAuthSettings withRequestTimeout(Duration timeout) {
        return new OAuthSettings(tokenUrl, clientId, connectTimeout, timeout);
    }
}
