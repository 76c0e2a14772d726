package io.carapulse.core.api;

import io.carapulse.api.dto.EvidenceView;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.core.auth.Actors;
import io.carapulse.core.evidence.EvidenceViews;
import io.carapulse.core.policy.PolicyService;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

/** {@code GET /v1/evidence/{id}}: one evidence record by its id (listings are per execution). */
@ProblemResponses
@Controller("/v1/evidence")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class EvidenceController {

    private final EvidenceViews evidence;
    private final PolicyService policy;

    public EvidenceController(EvidenceViews evidence, PolicyService policy) {
        this.evidence = evidence;
        this.policy = policy;
    }

    @Get("/{id}")
    public EvidenceView get(@PathVariable String id, Authentication auth) {
        policy.requireReader(Actors.of(auth), "evidence.read", "evidence", id);
        return evidence.one(id)
                .orElseThrow(() -> new ProblemException(ProblemCode.NOT_FOUND, "no evidence " + id));
    }
}
