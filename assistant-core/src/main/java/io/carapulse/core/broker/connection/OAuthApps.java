package io.carapulse.core.broker.connection;

import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.config.ConfigurationException;
import io.carapulse.config.SecretRef;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.core.type.Argument;
import java.net.URI;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code carapulse.broker.oauth.<provider>.*}: the OAuth apps people connect through, read and checked when
 * the server starts (each problem one line naming the key, never a secret). A provider without
 * {@code client-id} is not configured: connecting to it is refused and says which key to set.
 */
@Context
public class OAuthApps {

    static final String PREFIX = "carapulse.broker.oauth";
    private static final List<String> KEYS = List.of("client-id", "client-secret", "scopes", "authorize-url",
            "token-url", "revoke-url", "api-url", "redirect-uri");

    private final Map<ConnectionProvider, OAuthApp> apps = new EnumMap<>(ConnectionProvider.class);

    OAuthApps(Environment environment) {
        Collection<String> named = environment.getPropertyEntries(PREFIX);
        for (String name : named) {
            if (ConnectionProvider.fromWire(name).isEmpty()) {
                throw new ConfigurationException(PREFIX + "." + name + ": OAuth connections support "
                        + ConnectionProvider.supported());
            }
        }
        String publicUrl = environment.getProperty("carapulse.console.public-url", String.class)
                .filter(s -> !s.isBlank()).map(s -> s.replaceAll("/+$", ""))
                .orElseGet(() -> "http://localhost:" + environment.getProperty("micronaut.server.port", Integer.class)
                        .filter(p -> p > 0).orElse(8080));
        for (ConnectionProvider p : ConnectionProvider.values()) {
            read(environment, p, publicUrl).ifPresent(app -> apps.put(p, app));
        }
    }

    /** The app of {@code provider}, if it is configured. */
    Optional<OAuthApp> find(ConnectionProvider provider) {
        return Optional.ofNullable(apps.get(provider));
    }

    /** Whether people can connect to {@code provider}: its OAuth app is configured. */
    public boolean configured(ConnectionProvider provider) {
        return apps.containsKey(provider);
    }

    /** The API URL of {@code provider}'s app (where people's tokens are used), if it is configured. */
    public Optional<URI> apiUrl(ConnectionProvider provider) {
        return find(provider).map(OAuthApp::apiUrl);
    }

    /** The key that configures {@code provider}'s app: {@code carapulse.broker.oauth.<provider>.client-id}. */
    public static String clientIdKey(ConnectionProvider provider) {
        return OAuthApp.key(provider, "client-id");
    }

    /** The app of {@code provider}, or the 422 that says which key to set. */
    OAuthApp require(ConnectionProvider provider) {
        return find(provider).orElseThrow(() -> new ProblemException(ProblemCode.VALIDATION_FAILED,
                "OAuth connections to " + provider.display() + " are not configured ("
                        + OAuthApp.key(provider, "client-id") + ")"));
    }

    private static Optional<OAuthApp> read(Environment env, ConnectionProvider p, String publicUrl) {
        for (String name : env.getPropertyEntries(PREFIX + "." + p.wire())) {
            if (!KEYS.contains(name)) {
                throw new ConfigurationException(OAuthApp.key(p, name) + " is not a setting; the settings are " + KEYS);
            }
        }
        Optional<String> clientId = text(env, OAuthApp.key(p, "client-id"));
        Optional<String> secret = text(env, OAuthApp.key(p, "client-secret"));
        if (clientId.isEmpty()) {
            if (secret.isPresent()) {
                throw new ConfigurationException(OAuthApp.key(p, "client-id") + " is required when "
                        + OAuthApp.key(p, "client-secret") + " is set");
            }
            return Optional.empty();
        }
        SecretRef clientSecret = SecretRef.parse(OAuthApp.key(p, "client-secret"), secret.orElse(null));
        List<String> scopes = env.getProperty(OAuthApp.key(p, "scopes"), Argument.listOf(String.class))
                .map(l -> l.stream().map(String::strip).filter(s -> !s.isEmpty()).toList())
                .filter(l -> !l.isEmpty()).orElse(p.defaultScopes());
        for (String scope : scopes) {
            if (!scope.matches("[\\x21\\x23-\\x5b\\x5d-\\x7e]+")) {
                throw new ConfigurationException(OAuthApp.key(p, "scopes") + ": '" + scope + "' is not a scope");
            }
        }
        URI revoke = p.defaultRevokeUrl() == null && text(env, OAuthApp.key(p, "revoke-url")).isEmpty() ? null
                : url(env, p, "revoke-url", p.defaultRevokeUrl(), false);
        return Optional.of(new OAuthApp(p, clientId.get(), clientSecret, scopes,
                url(env, p, "authorize-url", p.defaultAuthorizeUrl(), false), url(env, p, "token-url", p.defaultTokenUrl(), false),
                revoke, url(env, p, "api-url", p.defaultApiUrl(), false),
                url(env, p, "redirect-uri", publicUrl + ConnectionController.CALLBACK, true)));
    }

    private static Optional<String> text(Environment env, String key) {
        return env.getProperty(key, String.class).map(String::strip).filter(s -> !s.isEmpty());
    }

    /**
     * {@code https}, or {@code http} on this machine only (any {@code http} for the redirect, which the
     * browser follows: the server's public URL may be plain http); no credentials, query or fragment.
     */
    private static URI url(Environment env, ConnectionProvider p, String name, String fallback, boolean anyHttp) {
        String key = OAuthApp.key(p, name);
        String value = text(env, key).orElse(fallback).replaceAll("/+$", "");
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(key + " is not a URL: " + value);
        }
        boolean local = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost())
                || "[::1]".equals(uri.getHost());
        if (uri.getHost() == null || !("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && (local || anyHttp)))) {
            throw new ConfigurationException(key + " must be an https URL (http only for localhost): " + value);
        }
        if (uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new ConfigurationException(key + " must not carry credentials, a query or a fragment");
        }
        return uri;
    }
}
