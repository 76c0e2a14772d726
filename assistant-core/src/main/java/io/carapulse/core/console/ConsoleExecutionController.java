package io.carapulse.core.console;

import io.carapulse.api.dto.ExecutionEventView;
import io.carapulse.api.dto.ExecutionView;
import io.carapulse.api.dto.HoldResolutionRequest;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.core.api.Views;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.events.ExecutionStream;
import io.carapulse.core.evidence.EvidenceViews;
import io.carapulse.core.execution.ExecutionService;
import io.carapulse.core.execution.ExecutionStatus;
import io.carapulse.config.Environment;
import io.carapulse.core.policy.PolicyService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;
import java.util.Set;
import org.reactivestreams.Publisher;

/**
 * The console's execution page: step states and output live over SSE (the browser resumes after a
 * reconnect with {@code Last-Event-ID}), evidence per step, cancel, and resolving a HELD execution, each
 * through the same services (and so the same roles and audit) as the API.
 */
@Hidden
@Controller("/executions")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class ConsoleExecutionController {

    private static final Set<String> ENDED = Set.of(ExecutionStatus.SUCCEEDED.name(), ExecutionStatus.FAILED.name(),
            ExecutionStatus.ROLLED_BACK.name(), ExecutionStatus.CANCELLED.name());

    private final ConsolePages pages;
    private final ConsoleRequests requests;
    private final ExecutionService executions;
    private final ExecutionStream stream;
    private final EvidenceViews evidence;
    private final PolicyService policy;
    private final Views views;

    ConsoleExecutionController(ConsolePages pages, ConsoleRequests requests, ExecutionService executions,
                               ExecutionStream stream, EvidenceViews evidence,
                               PolicyService policy, Views views) {
        this.pages = pages;
        this.requests = requests;
        this.executions = executions;
        this.stream = stream;
        this.evidence = evidence;
        this.policy = policy;
        this.views = views;
    }

    @Get("/{id}")
    @Produces(MediaType.TEXT_HTML)
    MutableHttpResponse<?> page(@PathVariable String id, HttpRequest<?> request) {
        return pages.signedIn(request, session -> {
            policy.requireReader(session.actor(), "execution.read", "execution", id);
            return executionPage(session, id, HttpStatus.OK, null);
        });
    }

    /** The execution's events for the page's script; only for a signed-in reader. */
    @Get(value = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM)
    Publisher<Event<ExecutionEventView>> events(@PathVariable String id,
                                                @Nullable @Header("Last-Event-ID") String lastEventId,
                                                HttpRequest<?> request) {
        ConsoleSessions.Session session = requests.session(request).orElseThrow(() ->
                new ProblemException(ProblemCode.UNAUTHENTICATED, "sign in to the console to follow an execution"));
        policy.requireReader(session.actor(), "execution.read", "execution", id);
        executions.require(id);
        return stream.follow(id, lastEventId, null);
    }

    @Post(value = "/{id}/cancel", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    MutableHttpResponse<?> cancel(@PathVariable String id, @Nullable @Body Map<String, String> body,
                                  HttpRequest<?> request) {
        Map<String, String> form = body == null ? Map.of() : body;
        return pages.signedIn(request, session -> {
            pages.refuseForged(session, form, request);
            return act(session, id, () -> executions.cancel(session.actor(), id));
        });
    }

    @Post(value = "/{id}/resolve", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    MutableHttpResponse<?> resolve(@PathVariable String id, @Nullable @Body Map<String, String> body,
                                   HttpRequest<?> request) {
        Map<String, String> form = body == null ? Map.of() : body;
        return pages.signedIn(request, session -> {
            pages.refuseForged(session, form, request);
            String note = form.get("note");
            return act(session, id, () -> executions.resolve(session.actor(), id,
                    new HoldResolutionRequest(form.get("outcome"), note == null || note.isBlank() ? null : note)));
        });
    }

    private MutableHttpResponse<?> act(ConsoleSessions.Session session, String id, Runnable action) {
        try {
            action.run();
        } catch (ProblemException e) {
            if (e.problem() == ProblemCode.NOT_FOUND) {
                throw e;
            }
            return executionPage(session, id, HttpStatus.valueOf(e.problem().status()),
                    Map.of("code", e.problem().code(), "message", e.getMessage()));
        }
        return ConsoleRequests.seeOther("/executions/" + id);
    }

    private MutableHttpResponse<?> executionPage(ConsoleSessions.Session session, String id, HttpStatus status,
                                                 Map<String, String> refusal) {
        ExecutionView execution = views.execution(executions.require(id));
        Actor actor = session.actor();
        boolean operator = pages.holds(actor, execution.environment(), Environment.Policy::executeRoles);
        Map<String, Object> model = ConsolePages.base(session);
        model.put("execution", pages.map(execution));
        model.put("ended", ENDED.contains(execution.status()));
        model.put("canCancel", operator && !ENDED.contains(execution.status()));
        model.put("canResolve", operator && ExecutionStatus.HELD.name().equals(execution.status()));
        model.put("refusal", refusal);
        model.put("evidence", evidence.ofExecution(id).stream().map(ev -> {
            Map<String, Object> m = pages.map(ev);
            m.put("commandLine", ev.command() == null ? null : String.join(" ", ev.command()));
            m.put("json", pages.jsonText(ev));
            return m;
        }).toList());
        return pages.render(status, "console/execution", model);
    }
}
