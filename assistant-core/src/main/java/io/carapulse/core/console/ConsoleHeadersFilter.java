package io.carapulse.core.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Security headers on every answer, and on the console's pages a strict Content-Security-Policy: no
 * inline script or style, nothing from other origins, no framing, forms posting only to us.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class ConsoleHeadersFilter {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @ResponseFilter
    void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.getHeaders().set("X-Content-Type-Options", "nosniff");
        response.getHeaders().set("X-Frame-Options", "DENY");
        boolean html = response.getContentType().map(t -> t.matches(MediaType.TEXT_HTML_TYPE)).orElse(false);
        if (html) {
            response.getHeaders().set("Content-Security-Policy", CSP);
            response.getHeaders().set("Referrer-Policy", "same-origin");
            response.getHeaders().set("Cache-Control", "no-store");
        }
    }
}
