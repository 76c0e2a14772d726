package io.carapulse.core.broker.integration;

import io.carapulse.api.dto.IntegrationCreateRequest;
import io.carapulse.api.dto.IntegrationView;
import io.carapulse.api.dto.PageView;
import io.carapulse.core.api.ProblemResponses;
import io.carapulse.core.auth.Actors;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
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
import java.util.List;

/**
 * {@code /v1/integrations}: link (admin; the credential is checked against its service first), list and
 * show (any role; never a credential), unlink (admin). Without a key encryption key every call a
 * role allows is {@code 503 broker_not_configured} (roles are checked first).
 */
@ProblemResponses
@Controller("/v1/integrations")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class IntegrationController {

    private final Integrations integrations;
    public IntegrationController(Integrations integrations) {
        this.integrations = integrations;
    }

    @Post
    @Status(HttpStatus.CREATED)
    public IntegrationView link(@Body IntegrationCreateRequest request, Authentication auth) {
        return integrations.link(Actors.of(auth), request);
    }

    @Get
    public PageView<IntegrationView> list(@Nullable @QueryValue String provider, @Nullable @QueryValue String environment,
                                          @Nullable @QueryValue String agent, Authentication auth) {
        List<IntegrationView> items = integrations.list(Actors.of(auth), provider, environment, agent);
        return new PageView<>(items, items.size(), null);
    }

    @Get("/{id}")
    public IntegrationView get(@PathVariable String id, Authentication auth) {
        return integrations.get(Actors.of(auth), id);
    }

    @Delete("/{id}")
    public HttpResponse<Void> unlink(@PathVariable String id, Authentication auth) {
        integrations.unlink(Actors.of(auth), id);
        return HttpResponse.noContent();
    }
}
