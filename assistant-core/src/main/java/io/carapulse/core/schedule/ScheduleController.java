package io.carapulse.core.schedule;

import io.carapulse.api.dto.PageView;
import io.carapulse.api.dto.ScheduleCreateRequest;
import io.carapulse.api.dto.ScheduleView;
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
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.util.List;

/**
 * {@code /v1/schedules}: runbooks run on a cron in a time zone. Creating one needs the request role
 * of its environment; its plans are requested by its creator; the creator or an admin may pause,
 * resume or delete it.
 */
@ProblemResponses
@Controller("/v1/schedules")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ScheduleController {

    private final ScheduleService schedules;

    public ScheduleController(ScheduleService schedules) {
        this.schedules = schedules;
    }

    @Post
    @ApiResponse(responseCode = "201", description = "The new schedule, with its next fire time", useReturnTypeSchema = true)
    public HttpResponse<ScheduleView> create(@Nullable @Body ScheduleCreateRequest request, Authentication auth) {
        ScheduleView created = schedules.create(Actors.of(auth), request);
        return HttpResponse.<ScheduleView>status(HttpStatus.CREATED)
                .headers(h -> h.location(URI.create("/v1/schedules/" + created.id())))
                .body(created);
    }

    @Get
    public PageView<ScheduleView> list(Authentication auth) {
        List<ScheduleView> items = schedules.list(Actors.of(auth));
        return new PageView<>(items, items.size(), null);
    }

    @Get("/{id}")
    public ScheduleView get(@PathVariable String id, Authentication auth) {
        return schedules.get(Actors.of(auth), id);
    }

    @Post("/{id}/pause")
    public ScheduleView pause(@PathVariable String id, Authentication auth) {
        return schedules.setEnabled(Actors.of(auth), id, false);
    }

    @Post("/{id}/resume")
    public ScheduleView resume(@PathVariable String id, Authentication auth) {
        return schedules.setEnabled(Actors.of(auth), id, true);
    }

    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable String id, Authentication auth) {
        schedules.delete(Actors.of(auth), id);
    }
}
