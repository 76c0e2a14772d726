package io.carapulse.core.auth;

import io.carapulse.api.auth.Role;
import io.carapulse.api.dto.WhoAmIView;
import io.carapulse.core.api.ProblemResponses;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

/** {@code GET /v1/me}: who the server takes the caller for; open to any authenticated caller, even one without roles. */
@ProblemResponses
@Controller("/v1/me")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class WhoAmIController {

    @Get
    public WhoAmIView me(Authentication authentication) {
        Actor actor = Actors.of(authentication);
        return new WhoAmIView(actor.id(), actor.name(), actor.kind().name().toLowerCase(java.util.Locale.ROOT),
                actor.roles().stream().sorted().map(Role::wire).toList(), actor.agent());
    }
}
