package io.carapulse.core.console;

import io.carapulse.api.auth.Role;
import io.carapulse.api.dto.ScheduleView;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.schedule.ScheduleService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;

/**
 * The console's schedules: every schedule with its next fire, a schedule's recent fires (the plan each
 * made, or why none was made), and pause / resume for its creator or an admin. Creating one is done
 * through {@code POST /v1/schedules}.
 */
@Hidden
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
class ConsoleScheduleController {

    private final ConsolePages pages;
    private final ScheduleService schedules;

    ConsoleScheduleController(ConsolePages pages, ScheduleService schedules) {
        this.pages = pages;
        this.schedules = schedules;
    }

    @Get("/schedules")
    MutableHttpResponse<?> list(HttpRequest<?> request) {
        return pages.signedIn(request, session -> {
            Map<String, Object> model = ConsolePages.base(session);
            model.put("schedules", schedules.list(session.actor()).stream().map(s -> row(session.actor(), s)).toList());
            return pages.render(HttpStatus.OK, "console/schedules", model);
        });
    }

    @Get("/schedules/{id}")
    MutableHttpResponse<?> schedule(@PathVariable String id, HttpRequest<?> request) {
        return pages.signedIn(request, session -> {
            Map<String, Object> model = ConsolePages.base(session);
            model.put("schedule", row(session.actor(), schedules.get(session.actor(), id)));
            return pages.render(HttpStatus.OK, "console/schedule", model);
        });
    }

    @Post(value = "/schedules/{id}/pause", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> pause(@PathVariable String id, @Nullable @Body Map<String, String> body, HttpRequest<?> request) {
        return toggle(id, false, body, request);
    }

    @Post(value = "/schedules/{id}/resume", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> resume(@PathVariable String id, @Nullable @Body Map<String, String> body, HttpRequest<?> request) {
        return toggle(id, true, body, request);
    }

    private MutableHttpResponse<?> toggle(String id, boolean on, Map<String, String> body, HttpRequest<?> request) {
        Map<String, String> form = body == null ? Map.of() : body;
        return pages.signedIn(request, session -> {
            pages.refuseForged(session, form, request);
            schedules.setEnabled(session.actor(), id, on);
            return ConsoleRequests.seeOther("/schedules/" + id);
        });
    }

    private Map<String, Object> row(Actor actor, ScheduleView s) {
        Map<String, Object> m = pages.map(s);
        m.put("paramsJson", pages.jsonText(s.params()));
        // the same rule the service applies; the button is only a hint, the service checks again
        m.put("mayChange", actor.id().equals(s.createdBy()) || actor.roles().contains(Role.ADMIN));
        return m;
    }
}
