package io.carapulse.core.broker.integration;

import io.carapulse.api.dto.IntegrationCredentialView;
import io.carapulse.api.error.ProblemException;
import io.carapulse.core.api.ProblemResponses;
import io.carapulse.core.auth.Actors;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

/**
 * {@code GET /v1/integrations/credentials?provider=&environment=}: an agent's credential-only access
 * ({@link CredentialAccess}); the one endpoint whose purpose is to hand a credential out, never cached.
 */
@ProblemResponses
@Controller("/v1/integrations/credentials")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class CredentialController {

    private final CredentialAccess access;

    public CredentialController(CredentialAccess access) {
        this.access = access;
    }

    @Get
    public HttpResponse<IntegrationCredentialView> credentials(@Nullable @QueryValue String provider,
                                                               @Nullable @QueryValue String environment,
                                                               Authentication auth) {
        try (IntegrationCredentials.Issued issued = access.grant(Actors.of(auth), provider, environment, "credentials")) {
            return HttpResponse.ok(new IntegrationCredentialView(issued.integrationId(), issued.provider(), issued.kind(),
                    issued.token().reveal(), issued.username(), issued.expiresAt()))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store").header(HttpHeaders.PRAGMA, "no-cache");
        } catch (CredentialAccess.Refused r) {
            throw new ProblemException(r.code(), r.getMessage()).audited();
        }
    }
}
