package io.carapulse.core.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.carapulse.api.auth.Role;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.config.Environment;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.core.auth.Actor;
import io.carapulse.api.error.ProblemException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.views.thymeleaf.ThymeleafViewsRenderer;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What every console page does: find the signed-in person (or send them to sign in and back), refuse
 * forged forms, render a template with the person and the CSRF token in its model, and show a refusal
 * in the person's terms.
 */
@Singleton
class ConsolePages {

    private final ConsoleRequests requests;
    private final ObjectMapper json;
    private final ThymeleafViewsRenderer<Map<String, Object>> templates;
    private final EnvironmentCatalog environments;

    ConsolePages(ConsoleRequests requests, ObjectMapper json, ThymeleafViewsRenderer<Map<String, Object>> templates,
                 EnvironmentCatalog environments) {
        this.requests = requests;
        this.json = json;
        this.templates = templates;
        this.environments = environments;
    }

    /**
     * Whether {@code actor} holds one of the roles {@code which} names in {@code environment}'s policy
     * (approve, execute): what decides if a page offers a button. The action itself checks again.
     */
    boolean holds(Actor actor, String environment, Function<Environment.Policy, Set<Role>> which) {
        return environments.find(environment).map(env -> actor.hasAny(which.apply(env.policy()))).orElse(false);
    }

    /** Runs {@code page} for a signed-in person; anyone else goes to the sign-in page and comes back. */
    MutableHttpResponse<?> signedIn(HttpRequest<?> request,
                                   Function<ConsoleSessions.Session, MutableHttpResponse<?>> page) {
        Optional<ConsoleSessions.Session> session = requests.session(request);
        if (session.isEmpty()) {
            if (!"GET".equals(request.getMethodName())) {
                return ConsoleRequests.seeOther("/login");
            }
            return ConsoleRequests.seeOther("/login?next=" + URLEncoder.encode(request.getUri().toString(), StandardCharsets.UTF_8));
        }
        try {
            return page.apply(session.get());
        } catch (ProblemException e) {
            Map<String, Object> model = base(session.get());
            model.put("code", e.problem().code());
            model.put("message", e.getMessage());
            return render(HttpStatus.valueOf(e.problem().status()), "console/error", model);
        }
    }

    /** A state-changing form must come from our own page, with this session's CSRF token. */
    void refuseForged(ConsoleSessions.Session session, Map<String, String> form, HttpRequest<?> request) {
        String token = form.getOrDefault(ConsoleRequests.CSRF_FIELD, request.getHeaders().get(ConsoleRequests.CSRF_HEADER));
        if (requests.crossSite(request) || !ConsoleSessions.csrfMatches(session, token)) {
            throw new ProblemException(ProblemCode.FORBIDDEN,
                    "This form did not come from your console session (its CSRF token is missing or wrong); nothing was changed.");
        }
    }

    static Map<String, Object> base(ConsoleSessions.Session session) {
        Map<String, Object> model = new HashMap<>();
        model.put("me", Map.of("name", session.actor().name(), "id", session.actor().id(),
                "roles", session.actor().roles().stream().map(r -> r.wire()).sorted().toList()));
        model.put("csrf", session.csrf());
        return model;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(Object view) {
        return json.convertValue(view, Map.class);
    }

    String jsonText(Object value) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    /**
     * The page: {@code view} rendered here, in the request's thread, so a template that fails fails
     * this request with an error (a 500 through the global handler) instead of leaving it unanswered.
     */
    MutableHttpResponse<?> render(HttpStatus status, String view, Map<String, Object> model) {
        StringWriter html = new StringWriter();
        try {
            templates.render(view, model, null).writeTo(html);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HttpResponse.status(status).contentType(MediaType.TEXT_HTML_TYPE + ";charset=UTF-8").body(html.toString());
    }
}
