package io.carapulse.core.api;

import io.carapulse.api.CarapulseVersion;
import io.carapulse.api.dto.VersionView;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/** {@code GET /v1/version}: the server's build, for {@code assistantctl version} and {@code doctor}. */
@ProblemResponses
@Controller("/v1/version")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class VersionController {

    private static final VersionView VERSION = new VersionView(CarapulseVersion.current());

    @Get
    public VersionView version() {
        return VERSION;
    }
}
