package io.carapulse.core.console;

import io.carapulse.core.auth.OidcConfiguration;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.net.URI;
import java.util.Optional;

/**
 * Security headers on every answer, and on the console's pages a strict Content-Security-Policy: no
 * inline script or style, nothing from other origins, no framing, forms posting only to us.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class ConsoleHeadersFilter {

    private final String csp;

    /**
     * With single sign-on, forms may also lead to the issuer: signing out posts to {@code /logout},
     * which redirects to the issuer's end-session endpoint, and browsers apply {@code form-action} to
     * that redirect.
     */
    ConsoleHeadersFilter(Optional<ConsoleOidcConfiguration> sso, Optional<OidcConfiguration> oidc) {
        String issuer = sso.isPresent() ? oidc.map(o -> " " + origin(o.issuer())).orElse("") : "";
        this.csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                + " connect-src 'self'; form-action 'self'" + issuer + "; frame-ancestors 'none'; base-uri 'none'";
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    @ResponseFilter
    void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.getHeaders().set("X-Content-Type-Options", "nosniff");
        response.getHeaders().set("X-Frame-Options", "DENY");
        boolean html = response.getContentType().map(t -> t.matches(MediaType.TEXT_HTML_TYPE)).orElse(false);
        if (html) {
            response.getHeaders().set("Content-Security-Policy", csp);
            response.getHeaders().set("Referrer-Policy", "same-origin");
            response.getHeaders().set("Cache-Control", "no-store");
        }
    }
}
