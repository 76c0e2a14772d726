package io.carapulse.core.auth;

import io.carapulse.core.token.ApiTokenValidator;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.security.event.TokenValidatedEvent;
import io.micronaut.security.token.TokenAuthenticationFetcher;
import io.micronaut.security.token.reader.TokenResolver;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Bearer tokens are checked by Carapulse's validators only: API tokens, and JWTs of the configured
 * issuer with their audience and group-to-role mapping ({@link OidcTokenValidator}). Micronaut's own
 * JWT validator is present for the console's OIDC sign-in (it checks the ID token's signature there)
 * and would accept any JWT the issuer signed, for any client, with roles read from a {@code roles}
 * claim; it never sees a bearer token.
 */
@Singleton
@Replaces(TokenAuthenticationFetcher.class)
class BearerAuthenticationFetcher extends TokenAuthenticationFetcher {

    BearerAuthenticationFetcher(ApiTokenValidator apiTokens, Optional<OidcTokenValidator> oidc,
                                TokenResolver<HttpRequest<?>> tokenResolver,
                                ApplicationEventPublisher<TokenValidatedEvent> tokenValidatedEventPublisher,
                                HttpHostResolver httpHostResolver, HttpLocaleResolver httpLocaleResolver) {
        super(validators(apiTokens, oidc), tokenResolver, tokenValidatedEventPublisher, httpHostResolver,
                httpLocaleResolver);
    }

    private static List<TokenValidator<HttpRequest<?>>> validators(ApiTokenValidator apiTokens,
                                                                   Optional<OidcTokenValidator> oidc) {
        List<TokenValidator<HttpRequest<?>>> validators = new ArrayList<>(List.of(apiTokens));
        oidc.ifPresent(validators::add);
        return List.copyOf(validators);
    }
}
