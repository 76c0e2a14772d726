package io.carapulse.core.token;

import io.carapulse.core.auth.Actors;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Authenticates {@code Authorization: Bearer cpt_...} API tokens. Any other bearer value is left to
 * the other validators (OIDC).
 */
@Singleton
public class ApiTokenValidator implements TokenValidator<HttpRequest<?>> {

    private final TokenService tokens;
    private final Scheduler blocking;

    public ApiTokenValidator(TokenService tokens, @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.tokens = tokens;
        // the look-up is a JDBC call; it must not run on an event-loop thread
        this.blocking = Schedulers.fromExecutorService(executor);
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        if (token == null || !token.startsWith(TokenSecrets.PREFIX)) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> tokens.authenticate(token))
                .subscribeOn(blocking)
                .flatMap(Mono::justOrEmpty)
                .map(Actors::toAuthentication);
    }
}
