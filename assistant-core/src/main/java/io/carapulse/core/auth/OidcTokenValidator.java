package io.carapulse.core.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Named;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Authenticates bearer JWTs from the configured OIDC issuer (signature by the issuer's published
 * RS256/ES256 keys, then the claim checks of {@link OidcClaimsVerifier}). Exists only when
 * {@code carapulse.auth.oidc.issuer} is set; created at start-up so a bad configuration stops the
 * server, while the issuer itself is contacted only when the first JWT arrives.
 */
@Context
@Requires(property = "carapulse.auth.oidc.issuer")
public class OidcTokenValidator implements TokenValidator<HttpRequest<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(OidcTokenValidator.class);
    private static final Duration DISCOVERY_RETRY = Duration.ofSeconds(5);

    private final OidcConfiguration config;
    private final OidcKeys keys;
    private final Scheduler blocking;

    public OidcTokenValidator(OidcConfiguration config, Clock clock,
                              @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.config = config;
        this.keys = new OidcKeys(config, clock, DISCOVERY_RETRY);
        // discovery and JWKS fetches are blocking HTTP calls
        this.blocking = Schedulers.fromExecutorService(executor);
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        if (token == null || token.startsWith("cpt_") || token.chars().filter(c -> c == '.').count() != 2) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> verify(token))
                .subscribeOn(blocking)
                .flatMap(Mono::justOrEmpty)
                .map(Actors::toAuthentication);
    }

    /** The actor behind {@code token}, or empty when any check fails (the caller then gets a 401). */
    Optional<Actor> verify(String token) {
        try {
            JWTClaimsSet claims = keys.processor().process(token, null);
            return Optional.of(config.actor(claims));
        } catch (OidcKeys.DiscoveryException e) {
            LOG.warn("OIDC token refused: the issuer cannot be discovered: {}", e.getMessage());
        } catch (ParseException | BadJOSEException | JOSEException e) {
            // the messages name the failed check (expired, audience, signature), never the token
            LOG.debug("OIDC token refused: {}", e.getMessage());
        }
        return Optional.empty();
    }
}
