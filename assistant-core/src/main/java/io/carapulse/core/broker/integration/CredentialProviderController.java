package io.carapulse.core.broker.integration;

import io.carapulse.api.dto.CredentialProviderCreateRequest;
import io.carapulse.api.dto.CredentialProviderView;
import io.carapulse.api.dto.PageView;
import io.carapulse.core.api.ProblemResponses;
import io.carapulse.core.auth.Actors;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.util.List;

/**
 * {@code /v1/integrations/providers}: GitLab credential providers. Register (admin; the token is checked at
 * GitLab first), list and show (any role; never the token), remove (admin; 409 while integrations hold
 * identities it minted).
 */
@ProblemResponses
@Controller("/v1/integrations/providers")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class CredentialProviderController {

    private final CredentialProviders providers;

    public CredentialProviderController(CredentialProviders providers) {
        this.providers = providers;
    }

    @Post
    @Status(HttpStatus.CREATED)
    public CredentialProviderView register(@Body CredentialProviderCreateRequest request, Authentication auth) {
        return providers.register(Actors.of(auth), request);
    }

    @Get
    public PageView<CredentialProviderView> list(Authentication auth) {
        List<CredentialProviderView> items = providers.list(Actors.of(auth));
        return new PageView<>(items, items.size(), null);
    }

    @Get("/{id}")
    public CredentialProviderView get(@PathVariable String id, Authentication auth) {
        return providers.get(Actors.of(auth), id);
    }

    @Delete("/{id}")
    public HttpResponse<Void> remove(@PathVariable String id, Authentication auth) {
        providers.remove(Actors.of(auth), id);
        return HttpResponse.noContent();
    }
}
