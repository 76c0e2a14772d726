package io.carapulse.core.revert;

import io.carapulse.api.dto.PageView;
import io.carapulse.api.dto.RevertChangeRequest;
import io.carapulse.api.dto.RevertView;
import io.carapulse.core.api.ProblemResponses;
import io.carapulse.core.auth.Actors;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.util.List;

/**
 * {@code /v1/reverts}: the reverts of time-boxed changes ({@code revertAfter}), pending and past; run one
 * now, extend it (an approval) or cancel it (an approver, with a reason).
 */
@ProblemResponses
@Controller("/v1/reverts")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class RevertController {

    private final Reverts reverts;

    public RevertController(Reverts reverts) {
        this.reverts = reverts;
    }

    @Get
    public PageView<RevertView> list(@Nullable @QueryValue String status, Authentication auth) {
        List<RevertView> items = reverts.list(Actors.of(auth), status);
        return new PageView<>(items, items.size(), null);
    }

    @Get("/{id}")
    public RevertView get(@PathVariable String id, Authentication auth) {
        return reverts.get(Actors.of(auth), id);
    }

    @Post("/{id}/run")
    public RevertView run(@PathVariable String id, @Nullable @Body RevertChangeRequest request, Authentication auth) {
        return reverts.runNow(Actors.of(auth), id, request);
    }

    @Post("/{id}/extend")
    public RevertView extend(@PathVariable String id, @Nullable @Body RevertChangeRequest request, Authentication auth) {
        return reverts.extend(Actors.of(auth), id, request);
    }

    @Post("/{id}/cancel")
    public RevertView cancel(@PathVariable String id, @Nullable @Body RevertChangeRequest request, Authentication auth) {
        return reverts.cancel(Actors.of(auth), id, request);
    }
}
