package io.carapulse.core.runbook;

import io.carapulse.api.dto.PageView;
import io.carapulse.api.dto.StandingApprovalRequest;
import io.carapulse.api.dto.StandingApprovalView;
import io.carapulse.core.api.ProblemResponses;
import io.carapulse.core.approval.ApprovalService;
import io.carapulse.core.auth.Actors;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.util.List;

/**
 * {@code /v1/standing-approvals}: approvers authorise a runbook version's plans in advance, within
 * parameter bounds and for a limited time, and revoke such approvals.
 */
@ProblemResponses
@Controller("/v1/standing-approvals")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class StandingApprovalController {

    private final StandingApprovals standing;
    private final RunbookCatalog catalog;
    private final ApprovalService approvals;

    public StandingApprovalController(StandingApprovals standing, RunbookCatalog catalog, ApprovalService approvals) {
        this.standing = standing;
        this.catalog = catalog;
        this.approvals = approvals;
    }

    @Post
    @ApiResponse(responseCode = "201", description = "The standing approval", useReturnTypeSchema = true)
    public HttpResponse<StandingApprovalView> grant(@Nullable @Body StandingApprovalRequest request, Authentication auth) {
        StandingApprovalView granted = standing.grant(Actors.of(auth), request, catalog);
        return HttpResponse.<StandingApprovalView>status(HttpStatus.CREATED)
                .headers(h -> h.location(URI.create("/v1/standing-approvals/" + granted.id())))
                .body(granted);
    }

    @Get
    public PageView<StandingApprovalView> list(Authentication auth) {
        List<StandingApprovalView> items = standing.list(Actors.of(auth));
        return new PageView<>(items, items.size(), null);
    }

    @Get("/{id}")
    public StandingApprovalView get(@PathVariable String id, Authentication auth) {
        return standing.get(Actors.of(auth), id);
    }

    @Post("/{id}/revoke")
    public StandingApprovalView revoke(@PathVariable String id, Authentication auth) {
        return standing.revoke(Actors.of(auth), id, approvals::reopen);
    }
}
