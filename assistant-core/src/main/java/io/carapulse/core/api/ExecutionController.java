package io.carapulse.core.api;

import io.carapulse.api.dto.EvidenceView;
import io.carapulse.api.dto.ExecutionEventView;
import io.carapulse.api.dto.ExecutionView;
import io.carapulse.api.dto.HoldResolutionRequest;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.core.auth.Actors;
import io.carapulse.core.events.EventFeed;
import io.carapulse.core.events.ExecutionStream;
import io.carapulse.core.events.EventLog;
import io.carapulse.core.evidence.EvidenceViews;
import io.carapulse.api.dto.PageView;
import io.carapulse.core.execution.ExecutionEntity;
import io.carapulse.core.execution.ExecutionQueries;
import io.carapulse.core.execution.ExecutionService;
import io.carapulse.core.execution.ExecutionStatus;
import io.carapulse.core.policy.PolicyService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.util.List;
import org.reactivestreams.Publisher;

/** {@code /v1/executions}: state, live events (SSE), evidence, cancel, resolve. */
@ProblemResponses
@Controller("/v1/executions")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ExecutionController {

    private final ExecutionService executions;
    private final ExecutionQueries queries;
    private final EvidenceViews evidence;
    private final EventLog events;
    private final PolicyService policy;
    private final Views views;
    private final ExecutionStream stream;

    public ExecutionController(ExecutionService executions, ExecutionQueries queries, EvidenceViews evidence, EventLog events,
                               PolicyService policy, Views views, ExecutionStream stream) {
        this.executions = executions;
        this.queries = queries;
        this.evidence = evidence;
        this.events = events;
        this.policy = policy;
        this.views = views;
        this.stream = stream;
    }

    @Get
    public PageView<ExecutionView> list(@Nullable @QueryValue String status, @Nullable @QueryValue String environment,
                                        @Nullable @QueryValue String plan, @Nullable @QueryValue String before,
                                        @Nullable @QueryValue Integer limit, @Nullable @QueryValue Long offset,
                                        Authentication auth) {
        policy.requireReader(Actors.of(auth), "execution.list", "execution", null);
        Paging.offset(offset);
        PageView<ExecutionEntity> page = queries.list(Paging.option(ExecutionStatus.class, "status", status),
                environment, plan, before, Paging.limit(limit));
        return new PageView<>(page.items().stream().map(views::executionSummary).toList(), page.limit(),
                page.next());
    }

    @Get("/{id}")
    public ExecutionView get(@PathVariable String id, Authentication auth) {
        policy.requireReader(Actors.of(auth), "execution.read", "execution", id);
        return views.execution(executions.require(id));
    }

    @Post("/{id}/cancel")
    public ExecutionView cancel(@PathVariable String id, Authentication auth) {
        return views.execution(executions.cancel(Actors.of(auth), id));
    }

    @Post("/{id}/resolve")
    public ExecutionView resolve(@PathVariable String id, @Body HoldResolutionRequest request, Authentication auth) {
        return views.execution(executions.resolve(Actors.of(auth), id, request));
    }

    @Get("/{id}/evidence")
    public List<EvidenceView> evidence(@PathVariable String id, Authentication auth) {
        policy.requireReader(Actors.of(auth), "evidence.read", "execution", id);
        executions.require(id);
        return evidence.ofExecution(id);
    }

    /**
     * The events recorded so far, as JSON: the same records the stream sends, for a client that wants
     * the log without following it. {@code after} and {@code limit} page through a long log.
     */
    @Get("/{id}/event-log")
    public List<ExecutionEventView> eventLog(@PathVariable String id, @Nullable @QueryValue Long after,
                                             @Nullable @QueryValue Integer limit, Authentication auth) {
        policy.requireReader(Actors.of(auth), "execution.read", "execution", id);
        executions.require(id);
        return events.after(id, ExecutionStream.start(null, after), Paging.limit(limit));
    }

    /**
     * Server-sent events, pushed as they commit on any replica ({@link EventFeed}). Resumes after
     * {@code Last-Event-ID} (or {@code ?after=}) without losing or repeating events; a keepalive event
     * every 15 s keeps proxies from closing a quiet stream; completes after the terminal
     * {@code execution.finished} event.
     */
    @Get(value = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM)
    public Publisher<Event<ExecutionEventView>> events(@PathVariable String id,
                                                       @Nullable @Header("Last-Event-ID") String lastEventId,
                                                       @Nullable @QueryValue Long after, Authentication auth) {
        policy.requireReader(Actors.of(auth), "execution.read", "execution", id);
        executions.require(id);
        return stream.follow(id, lastEventId, after);
    }

}
