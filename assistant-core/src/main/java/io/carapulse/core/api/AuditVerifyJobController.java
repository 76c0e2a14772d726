package io.carapulse.core.api;

import io.carapulse.api.dto.AuditVerifyJobView;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.core.audit.AuditVerifyJobs;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.Actors;
import io.carapulse.core.policy.PolicyService;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

/**
 * {@code /v1/audit/verify-jobs}: a full verification of the audit chain, every record from the first,
 * run in the background; {@code GET /v1/audit/verify} checks only the records after the newest trusted
 * checkpoint.
 */
@ProblemResponses
@Controller("/v1/audit/verify-jobs")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuditVerifyJobController {

    private final AuditVerifyJobs jobs;
    private final PolicyService policy;

    public AuditVerifyJobController(AuditVerifyJobs jobs, PolicyService policy) {
        this.jobs = jobs;
        this.policy = policy;
    }

    /** Starts one: {@code 202} with the job, {@code Location} its address. */
    @Post
    public HttpResponse<AuditVerifyJobView> start(Authentication auth) {
        Actor actor = Actors.of(auth);
        policy.requireReader(actor, "audit.verify", "audit", null);
        AuditVerifyJobView job = jobs.start(actor);
        return HttpResponse.<AuditVerifyJobView>status(HttpStatus.ACCEPTED).body(job)
                .header("Location", "/v1/audit/verify-jobs/" + job.id());
    }

    @Get("/{id}")
    public AuditVerifyJobView get(@PathVariable String id, Authentication auth) {
        policy.requireReader(Actors.of(auth), "audit.verify", "audit", id);
        return jobs.find(id).orElseThrow(() -> new ProblemException(ProblemCode.NOT_FOUND,
                "no audit verification " + id));
    }
}
