package io.carapulse.core.console;

import io.carapulse.api.dto.ConsoleLinkView;
import io.carapulse.core.api.ProblemResponses;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.Actors;
import io.carapulse.core.auth.AuthKind;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * {@code POST /v1/console/links}: a one-time link that signs the caller in to the console as
 * themselves (what {@code assistantctl console} opens). The link works once, within
 * {@code carapulse.console.link-ttl}; a link made with an API token stops working when the token is revoked.
 */
@ProblemResponses
@Controller("/v1/console")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ConsoleLinkController {

    private final ConsoleSessions sessions;
    private final ConsoleConfiguration config;
    private final ConsoleRequests requests;

    public ConsoleLinkController(ConsoleSessions sessions, ConsoleConfiguration config, ConsoleRequests requests) {
        this.sessions = sessions;
        this.config = config;
        this.requests = requests;
    }

    @Post("/links")
    @Status(HttpStatus.CREATED)
    @ApiResponse(responseCode = "201", description = "A one-time console sign-in link for the caller",
            useReturnTypeSchema = true)
    public ConsoleLinkView create(Authentication auth, HttpRequest<?> request) {
        Actor actor = Actors.of(auth);
        String tokenId = (actor.kind() == AuthKind.API_TOKEN || actor.kind() == AuthKind.AGENT) && actor.id().startsWith("token:") ? actor.id().substring(6) : null;
        ConsoleSessions.Link link = sessions.createLink(actor, tokenId, config.linkTtl());
        return new ConsoleLinkView(requests.publicBase(request) + "/login/link?code=" + link.code(), link.expiresAt());
    }
}
