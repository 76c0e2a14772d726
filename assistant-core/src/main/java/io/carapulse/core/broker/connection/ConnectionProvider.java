package io.carapulse.core.broker.connection;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The services a person can connect to through OAuth, with the defaults of their public instance
 * (github.com, gitlab.com) and how they name things: the identity endpoint's login field, the secret
 * names the tokens are stored under ({@code github:access_token}, {@code github:refresh_token}).
 */
public enum ConnectionProvider {
    GITHUB("GitHub", "https://github.com/login/oauth/authorize", "https://github.com/login/oauth/access_token",
            null, "https://api.github.com", List.of("repo", "read:org"), "login"),
    GITLAB("GitLab", "https://gitlab.com/oauth/authorize", "https://gitlab.com/oauth/token",
            "https://gitlab.com/oauth/revoke", "https://gitlab.com/api/v4", List.of("api"), "username");

    private final String display;
    private final String authorizeUrl;
    private final String tokenUrl;
    private final String revokeUrl;
    private final String apiUrl;
    private final List<String> scopes;
    private final String loginField;

    ConnectionProvider(String display, String authorizeUrl, String tokenUrl, String revokeUrl, String apiUrl,
                       List<String> scopes, String loginField) {
        this.display = display;
        this.authorizeUrl = authorizeUrl;
        this.tokenUrl = tokenUrl;
        this.revokeUrl = revokeUrl;
        this.apiUrl = apiUrl;
        this.scopes = scopes;
        this.loginField = loginField;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How messages name the service: "Connected to GitHub as octocat". */
    public String display() {
        return display;
    }

    String defaultAuthorizeUrl() {
        return authorizeUrl;
    }

    String defaultTokenUrl() {
        return tokenUrl;
    }

    /** GitLab's {@code /oauth/revoke}; GitHub revokes through its API ({@code DELETE /applications/{client_id}/grant}). */
    String defaultRevokeUrl() {
        return revokeUrl;
    }

    String defaultApiUrl() {
        return apiUrl;
    }

    List<String> defaultScopes() {
        return scopes;
    }

    /** The field of {@code GET {api}/user} that holds the person's name there. */
    String loginField() {
        return loginField;
    }

    /** {@code github:access_token}. */
    String accessTokenName() {
        return wire() + ":access_token";
    }

    /** {@code github:refresh_token}. */
    String refreshTokenName() {
        return wire() + ":refresh_token";
    }

    public static Optional<ConnectionProvider> fromWire(String value) {
        return Arrays.stream(values()).filter(p -> p.wire().equals(value)).findFirst();
    }

    /** {@code github, gitlab}. */
    static String supported() {
        return String.join(", ", Arrays.stream(values()).map(ConnectionProvider::wire).toList());
    }
}
