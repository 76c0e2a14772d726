package io.carapulse.core.broker.connection;

import io.carapulse.api.dto.ConnectionTokenRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Put;

import io.carapulse.api.dto.ConnectionRevokedView;
import io.carapulse.api.dto.ConnectionStartView;
import io.carapulse.api.dto.ConnectionView;
import io.carapulse.api.dto.PageView;
import io.carapulse.core.api.ProblemResponses;
import io.carapulse.core.auth.Actors;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import java.util.List;

/**
 * {@code /v1/connections}: a person starts a connection (the provider's consent page to open), the
 * provider's answer comes back through the browser to {@code /callback} (no bearer token there: the
 * single-use state says whose connection it is), people list and revoke their connections (an admin
 * anyone's). Never a token in an answer.
 */
@ProblemResponses
@Controller("/v1/connections")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ConnectionController {

    /** Where the provider sends the browser back: the default {@code redirect-uri} after the public URL. */
    public static final String CALLBACK = "/v1/connections/callback";

    private final ConnectionFlow flow;
    private final Connections connections;

    ConnectionController(ConnectionFlow flow, Connections connections) {
        this.flow = flow;
        this.connections = connections;
    }

    @Post("/{provider}")
    @Status(HttpStatus.CREATED)
    public ConnectionStartView start(@PathVariable String provider, Authentication auth) {
        return flow.start(Actors.of(auth), provider);
    }

    /** A {@code user_token} connection: the person's own personal access token, checked, then stored. */
    @Put("/{provider}/token")
    public ConnectionView token(@PathVariable String provider, @Body ConnectionTokenRequest request,
                                Authentication auth) {
        return flow.connectToken(Actors.of(auth), provider, request);
    }

    @Get
    public PageView<ConnectionView> list(@Nullable @QueryValue String actor, Authentication auth) {
        List<ConnectionView> items = connections.list(Actors.of(auth), actor);
        return new PageView<>(items, items.size(), null);
    }

    @Delete("/{id}")
    public ConnectionRevokedView revoke(@PathVariable String id, Authentication auth) {
        return connections.revoke(Actors.of(auth), id);
    }

    /** The provider's answer, through the browser: a small page that says what happened. */
    @Get(value = "/callback", produces = MediaType.TEXT_HTML)
    @Secured(SecurityRule.IS_ANONYMOUS)
    @SecurityRequirements
    public HttpResponse<String> callback(@Nullable @QueryValue String code, @Nullable @QueryValue String state,
                                         @Nullable @QueryValue String error,
                                         @Nullable @QueryValue("error_description") String errorDescription) {
        ConnectionFlow.Page page = flow.callback(code, state, error, errorDescription);
        return HttpResponse.<String>status(HttpStatus.valueOf(page.status()))
                .contentType(MediaType.TEXT_HTML_TYPE + ";charset=UTF-8")
                .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer")
                .body(html(page));
    }

    private static String html(ConnectionFlow.Page page) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(page.title())
                + " · Carapulse</title></head><body><main><h1>" + escape(page.title()) + "</h1><p>"
                + escape(page.message()) + "</p></main></body></html>\n";
    }

    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
