package io.carapulse.core.console;

import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.security.oauth2.client.OpenIdProviderMetadata;
import jakarta.inject.Named;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Signing in to the console and out of it: with an API token pasted into the sign-in form (kept
 * server-side; the browser holds only the session cookie), or with a one-time link (printed at
 * start-up for the local admin, made by {@code assistantctl console}). A new session id at every
 * sign-in; signing out deletes the session.
 */
@Hidden
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
class ConsoleLoginController {

    private final ConsoleSessions sessions;
    private final ConsoleRequests requests;
    private final Optional<ConsoleOidcConfiguration> sso;
    private final BeanProvider<OpenIdProviderMetadata> providers;
    private final ConsolePages pages;

    ConsoleLoginController(ConsoleSessions sessions, ConsoleRequests requests, Optional<ConsoleOidcConfiguration> sso,
                           @Named("carapulse") BeanProvider<OpenIdProviderMetadata> providers,
                           ConsolePages pages) {
        this.sessions = sessions;
        this.requests = requests;
        this.sso = sso;
        this.providers = providers;
        this.pages = pages;
    }

    @Get("/login")
    MutableHttpResponse<?> form(@Nullable @QueryValue String next, HttpRequest<?> request) {
        if (requests.session(request).isPresent()) {
            return ConsoleRequests.seeOther(ConsoleRequests.localPath(next));
        }
        return page(HttpStatus.OK, ConsoleRequests.localPath(next), null, sso.isPresent());
    }

    @Post(value = "/login/token", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> token(@Nullable @Body Map<String, String> body, HttpRequest<?> request) {
        Map<String, String> form = body == null ? Map.of() : body;
        String next = ConsoleRequests.localPath(form.get("next"));
        if (requests.crossSite(request)) {
            return page(HttpStatus.FORBIDDEN, next, "This sign-in did not come from this site's sign-in page.", sso.isPresent());
        }
        Optional<ConsoleSessions.Opened> opened = sessions.signInWithToken(form.get("token"));
        if (opened.isEmpty()) {
            return page(HttpStatus.UNAUTHORIZED, next, "That is not an active API token.", sso.isPresent());
        }
        return ConsoleRequests.seeOther(next).cookie(requests.cookie(request, opened.get().cookie()));
    }

    /**
     * A one-time link shows a button and does not sign in by itself: a link scanner or a preview that
     * fetches it must not use it up, and a page on another site must not sign a browser in with it.
     */
    @Get("/login/link")
    MutableHttpResponse<?> confirmLink(@Nullable @QueryValue String code) {
        Map<String, Object> model = new HashMap<>();
        model.put("code", code == null ? "" : code);
        return pages.render(HttpStatus.OK, "console/link", model);
    }

    @Post(value = "/login/link", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> link(@Nullable @Body Map<String, String> body, HttpRequest<?> request) {
        Map<String, String> form = body == null ? Map.of() : body;
        if (requests.crossSite(request)) {
            return page(HttpStatus.FORBIDDEN, "/", "This sign-in did not come from this site's sign-in page.", sso.isPresent());
        }
        Optional<ConsoleSessions.Opened> opened = sessions.signInWithLink(form.get("code"));
        if (opened.isEmpty()) {
            return page(HttpStatus.UNAUTHORIZED, "/",
                    "This sign-in link has been used, has expired or is not one of ours. Sign in with an API token,"
                            + " or get a new link with `assistantctl console`.", sso.isPresent());
        }
        return ConsoleRequests.seeOther("/").cookie(requests.cookie(request, opened.get().cookie()));
    }

    @Post(value = "/logout", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> logout(@Nullable @Body Map<String, String> body, HttpRequest<?> request) {
        Map<String, String> form = body == null ? Map.of() : body;
        Optional<ConsoleSessions.Session> session = requests.session(request);
        if (session.isPresent()) {
            if (requests.crossSite(request) || !ConsoleSessions.csrfMatches(session.get(), form.get(ConsoleRequests.CSRF_FIELD))) {
                return HttpResponse.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN_TYPE)
                        .body("refused: the form did not carry this session's CSRF token");
            }
            sessions.signOut(session.get());
            if ("oidc".equals(session.get().method())) {
                return ConsoleRequests.seeOther(endSession(request)).cookie(requests.expired(request));
            }
        }
        return ConsoleRequests.seeOther("/login").cookie(requests.expired(request));
    }

    /**
     * RP-initiated logout: the issuer's end-session endpoint, which signs the person out there too and
     * sends them back to the sign-in page; the sign-in page itself when the issuer publishes none.
     */
    private String endSession(HttpRequest<?> request) {
        Optional<String> endpoint = providers.find(null).map(OpenIdProviderMetadata::getEndSessionEndpoint);
        if (endpoint.isEmpty() || sso.isEmpty()) {
            return "/login";
        }
        return UriBuilder.of(endpoint.get()).queryParam("client_id", sso.get().clientId())
                .queryParam("post_logout_redirect_uri", requests.publicBase(request) + "/login").toString();
    }

    private MutableHttpResponse<?> page(HttpStatus status, String next, String error, boolean sso) {
        return signInPage(pages, status, next, error, sso);
    }

    /** The sign-in page, with {@code error} shown when there is one. */
    static MutableHttpResponse<?> signInPage(ConsolePages pages, HttpStatus status, String next, String error, boolean sso) {
        Map<String, Object> model = new HashMap<>();
        model.put("sso", sso);
        model.put("next", next);
        model.put("error", error);
        return pages.render(status, "console/login", model);
    }
}
