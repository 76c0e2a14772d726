package io.carapulse.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.carapulse.core.common.Json;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The JWT processor for the configured issuer, built on first use from the issuer's discovery
 * document. Start-up never waits for the issuer; a failed discovery is retried by a later request
 * (at most once per {@code retryAfter}, so a dead issuer is not hammered).
 */
final class OidcKeys {

    /** Only asymmetric algorithms: HS* would let anyone holding the client secret mint tokens. */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final OidcConfiguration config;
    private final Clock clock;
    private final Duration retryAfter;
    private final HttpClient http;
    private volatile ConfigurableJWTProcessor<SecurityContext> processor;
    private Instant lastFailure;
    private String lastError;

    OidcKeys(OidcConfiguration config, Clock clock, Duration retryAfter) {
        this.config = config;
        this.clock = clock;
        this.retryAfter = retryAfter;
        // never follow redirects: the discovery document must come from the issuer itself
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The processor, discovering the issuer first if that has not succeeded yet. */
    ConfigurableJWTProcessor<SecurityContext> processor() throws DiscoveryException {
        ConfigurableJWTProcessor<SecurityContext> ready = processor;
        return ready != null ? ready : discover();
    }

    private synchronized ConfigurableJWTProcessor<SecurityContext> discover() throws DiscoveryException {
        if (processor != null) {
            return processor;
        }
        if (lastFailure != null && clock.instant().isBefore(lastFailure.plus(retryAfter))) {
            throw new DiscoveryException(lastError + " (retrying after " + lastFailure.plus(retryAfter) + ")");
        }
        try {
            processor = build(discoverJwksUri());
            lastFailure = null;
            return processor;
        } catch (DiscoveryException e) {
            lastFailure = clock.instant();
            lastError = e.getMessage();
            throw e;
        }
    }

    private URI discoverJwksUri() throws DiscoveryException {
        String base = config.issuer().endsWith("/") ? config.issuer().substring(0, config.issuer().length() - 1)
                : config.issuer();
        URI discovery = URI.create(base + "/.well-known/openid-configuration");
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(discovery).timeout(TIMEOUT)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DiscoveryException("OIDC discovery at " + discovery + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiscoveryException("OIDC discovery at " + discovery + " was interrupted");
        }
        if (response.statusCode() != 200) {
            throw new DiscoveryException("OIDC discovery at " + discovery + " answered HTTP " + response.statusCode());
        }
        JsonNode doc;
        try {
            doc = Json.read(response.body());
        } catch (RuntimeException e) {
            throw new DiscoveryException("OIDC discovery at " + discovery + " did not return JSON");
        }
        String issuer = doc.path("issuer").asText(null);
        if (!config.issuer().equals(issuer)) {
            throw new DiscoveryException("OIDC discovery at " + discovery + " names issuer '" + issuer
                    + "', not the configured '" + config.issuer() + "'");
        }
        String jwksUri = doc.path("jwks_uri").asText(null);
        if (jwksUri == null || jwksUri.isBlank()) {
            throw new DiscoveryException("OIDC discovery at " + discovery + " has no jwks_uri");
        }
        try {
            OidcConfiguration.requireSecureUrl(jwksUri, "jwks_uri");
            return URI.create(jwksUri);
        } catch (RuntimeException e) {
            throw new DiscoveryException("OIDC discovery at " + discovery + ": " + e.getMessage());
        }
    }

    private ConfigurableJWTProcessor<SecurityContext> build(URI jwksUri) throws DiscoveryException {
        JWKSource<SecurityContext> keys;
        try {
            // cached, refreshed ahead of expiry, rate-limited on unknown kids, one retry on network errors
            keys = JWKSourceBuilder.<SecurityContext>create(jwksUri.toURL()).retrying(true).build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new DiscoveryException("jwks_uri " + jwksUri + " is not a URL");
        }
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"),
                null));
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        p.setJWTClaimsSetVerifier(new OidcClaimsVerifier(config.issuer(), config.audience(),
                (int) config.clockSkew().toSeconds(), clock));
        return p;
    }

    /** The issuer could not be discovered; requests fail closed until it can. */
    static final class DiscoveryException extends Exception {
        DiscoveryException(String message) {
            super(message);
        }
    }
}
