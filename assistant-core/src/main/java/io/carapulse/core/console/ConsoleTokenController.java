package io.carapulse.core.console;

import io.carapulse.api.dto.TokenCreatedView;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.core.token.TokenService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * API tokens in the console (admins): list, create — the token is shown once, on the page that
 * answers the creation, never again — and revoke. {@link TokenService} checks the admin role and
 * audits every change and refusal, as for the API.
 */
@Hidden
@Controller("/tokens")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
class ConsoleTokenController {

    private static final int PAGE = 100;

    private final ConsolePages pages;
    private final TokenService tokens;

    ConsoleTokenController(ConsolePages pages, TokenService tokens) {
        this.pages = pages;
        this.tokens = tokens;
    }

    @Get
    MutableHttpResponse<?> list(@Nullable @QueryValue String before, HttpRequest<?> request) {
        return pages.signedIn(request, session -> page(session, before, HttpStatus.OK, null, null));
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> create(@Nullable @Body Map<String, String> body, HttpRequest<?> request) {
        Map<String, String> form = body == null ? Map.of() : body;
        return pages.signedIn(request, session -> {
            pages.refuseForged(session, form, request);
            List<String> roles = Arrays.stream(form.getOrDefault("roles", "").split(","))
                    .map(String::strip).filter(r -> !r.isEmpty()).toList();
            try {
                TokenCreatedView created = tokens.create(session.actor(), form.getOrDefault("name", "").strip(), roles);
                return page(session, null, HttpStatus.CREATED, created, null);
            } catch (ProblemException e) {
                if (e.problem() == ProblemCode.FORBIDDEN) {
                    throw e;
                }
                return page(session, null, HttpStatus.valueOf(e.problem().status()), null,
                        Map.of("code", e.problem().code(), "message", e.getMessage()));
            }
        });
    }

    @Post(value = "/{id}/revoke", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> revoke(@PathVariable String id, @Nullable @Body Map<String, String> body,
                                  HttpRequest<?> request) {
        Map<String, String> form = body == null ? Map.of() : body;
        return pages.signedIn(request, session -> {
            pages.refuseForged(session, form, request);
            tokens.revoke(session.actor(), id);
            return ConsoleRequests.seeOther("/tokens");
        });
    }

    private MutableHttpResponse<?> page(ConsoleSessions.Session session, String before, HttpStatus status,
                                        TokenCreatedView created, Map<String, String> refusal) {
        var page = tokens.list(session.actor(), before, PAGE, 0);
        Map<String, Object> model = ConsolePages.base(session);
        model.put("tokens", page.items().stream().map(pages::map).toList());
        model.put("next", page.next());
        model.put("created", created == null ? null : pages.map(created));
        model.put("refusal", refusal);
        return pages.render(status, "console/tokens", model);
    }
}
