package io.carapulse.core.console;

import com.nimbusds.jwt.JWTClaimsSet;
import io.carapulse.config.ConfigurationException;
import io.carapulse.core.auth.OidcConfiguration;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.handlers.RedirectingLoginHandler;
import java.text.ParseException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where Micronaut Security's OIDC sign-in ends ({@code /oauth/callback/carapulse}, after it checked
 * state, the PKCE verifier, the ID token's signature, issuer, audience, expiry and nonce): the verified
 * claims become a Carapulse actor exactly as a bearer JWT's do (same groups-to-roles mapping), and a
 * console session is opened with a new id. Nothing of the provider's tokens is kept.
 */
@Context
@Requires(property = "carapulse.console.oidc.enabled", value = "true")
class ConsoleOidcLoginHandler implements RedirectingLoginHandler<HttpRequest<?>, MutableHttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleOidcLoginHandler.class);

    private final ConsoleSessions sessions;
    private final ConsoleRequests requests;
    private final OidcConfiguration oidc;
    private final ConsolePages pages;

    ConsoleOidcLoginHandler(ConsoleSessions sessions, ConsoleRequests requests, ConsoleOidcConfiguration console,
                            Optional<OidcConfiguration> oidc, ConsolePages pages) {
        this.sessions = sessions;
        this.requests = requests;
        this.pages = pages;
        this.oidc = oidc.orElseThrow(() -> new ConfigurationException("carapulse.console.oidc.enabled needs the issuer"
                + " the API trusts: set carapulse.auth.oidc.issuer (CARAPULSE_AUTH_OIDC_ISSUER) and its audience"));
    }

    @Override
    public MutableHttpResponse<?> loginSuccess(Authentication authentication, HttpRequest<?> request) {
        JWTClaimsSet claims;
        try {
            claims = JWTClaimsSet.parse(authentication.getAttributes());
        } catch (ParseException e) {
            return loginFailed(AuthenticationResponse.failure("the identity provider's claims could not be read"), request);
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            claims = new JWTClaimsSet.Builder(claims).subject(authentication.getName()).build();
        }
        ConsoleSessions.Opened opened = sessions.signInWithOidc(oidc.actor(claims));
        return ConsoleRequests.seeOther("/").cookie(requests.cookie(request, opened.cookie()));
    }

    @Override
    public MutableHttpResponse<?> loginRefresh(Authentication authentication, String refreshToken, HttpRequest<?> request) {
        return ConsoleRequests.seeOther("/login");
    }

    @Override
    public MutableHttpResponse<?> loginFailed(AuthenticationResponse response, HttpRequest<?> request) {
        String why = response.getMessage().orElse("no reason given");
        LOG.info("Console OIDC sign-in failed: {}", why);
        return ConsoleLoginController.signInPage(pages, HttpStatus.UNAUTHORIZED, "/",
                "Your identity provider did not sign you in (" + why + "). Try again, or sign in with an API token.", true);
    }
}
