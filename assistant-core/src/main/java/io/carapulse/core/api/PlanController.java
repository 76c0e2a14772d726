package io.carapulse.core.api;

import io.carapulse.api.dto.ApprovalDecisionRequest;
import io.carapulse.api.dto.ExecuteResponse;
import io.carapulse.api.dto.PageView;
import io.carapulse.api.dto.PlanCreateRequest;
import io.carapulse.api.dto.PlanView;
import io.carapulse.api.dto.StepsUpdateRequest;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.core.approval.ApprovalService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.auth.Actors;
import io.carapulse.core.execution.ExecutionEntity;
import io.carapulse.core.execution.ExecutionService;
import io.carapulse.core.plan.PlanEntity;
import io.carapulse.core.plan.PlanQueries;
import io.carapulse.core.plan.PlanService;
import io.carapulse.core.plan.PlanStatus;
import io.carapulse.core.policy.PolicyService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;

/** {@code /v1/plans}: create, read, edit, cancel, approve and execute plans. */
@ProblemResponses
@Controller("/v1/plans")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class PlanController {

    private final PlanService plans;
    private final PlanQueries queries;
    private final ApprovalService approvals;
    private final ExecutionService executions;
    private final PolicyService policy;
    private final Views views;

    public PlanController(PlanService plans, PlanQueries queries, ApprovalService approvals,
                          ExecutionService executions, PolicyService policy, Views views) {
        this.plans = plans;
        this.queries = queries;
        this.approvals = approvals;
        this.executions = executions;
        this.policy = policy;
        this.views = views;
    }

    @Post
    @ApiResponse(responseCode = "201", description = "The new plan; Location names it", useReturnTypeSchema = true)
    public HttpResponse<PlanView> create(@Body PlanCreateRequest request, Authentication auth) {
        PlanEntity plan = plans.create(Actors.of(auth), request);
        return HttpResponse.<PlanView>status(HttpStatus.CREATED)
                .headers(h -> h.location(URI.create("/v1/plans/" + plan.id())))
                .body(views.plan(plan));
    }

    @Get("/{id}")
    public PlanView get(@PathVariable String id, Authentication auth) {
        policy.requireReader(Actors.of(auth), "plan.read", "plan", id);
        approvals.expireDue(id);
        return views.plan(plans.require(id));
    }

    @Get
    public PageView<PlanView> list(@Nullable @QueryValue String status, @Nullable @QueryValue String environment,
                                   @Nullable @QueryValue String requester, @Nullable @QueryValue String before,
                                   @Nullable @QueryValue Integer limit, @Nullable @QueryValue Long offset,
                                   Authentication auth) {
        policy.requireReader(Actors.of(auth), "plan.list", "plan", null);
        Paging.offset(offset);
        PageView<PlanEntity> page = queries.list(Paging.option(PlanStatus.class, "status", status), environment,
                requester, before, Paging.limit(limit));
        return new PageView<>(page.items().stream().map(views::planSummary).toList(), page.limit(), page.next());
    }

    @Put("/{id}/steps")
    public PlanView replaceSteps(@PathVariable String id, @Body StepsUpdateRequest request, Authentication auth) {
        if (request == null) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "a JSON body with steps is required");
        }
        return views.plan(plans.replaceSteps(Actors.of(auth), id, request.steps()));
    }

    @Post("/{id}/cancel")
    public PlanView cancel(@PathVariable String id, Authentication auth) {
        return views.plan(plans.cancel(Actors.of(auth), id));
    }

    @Post("/{id}/approval")
    public PlanView decide(@PathVariable String id, @Body ApprovalDecisionRequest request, Authentication auth) {
        Actor actor = Actors.of(auth);
        approvals.decide(actor, id, request);
        return views.plan(plans.require(id));
    }

    @Post("/{id}/execute")
    @Status(HttpStatus.ACCEPTED)
    public ExecuteResponse execute(@PathVariable String id, Authentication auth) {
        ExecutionEntity e = executions.start(Actors.of(auth), id);
        return new ExecuteResponse(e.id(), e.status().name());
    }

}
