package io.carapulse.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.dto.MessageCreateRequest;
import io.carapulse.api.dto.SessionCreateRequest;
import io.carapulse.api.dto.SessionView;
import io.carapulse.api.dto.TurnView;
import io.carapulse.core.auth.Actors;
import io.carapulse.core.chat.ChatService;
import io.carapulse.core.chat.ChatTurnEvents;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.util.List;
import org.reactivestreams.Publisher;

/**
 * {@code /v1/sessions}: chat with the model about one environment. A message's reply streams as
 * server-sent events when the request accepts {@code text/event-stream}, else it comes back whole.
 */
@ProblemResponses
@Controller("/v1/sessions")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class SessionController {

    private final ChatService chat;
    private final ChatTurnEvents turnEvents;

    public SessionController(ChatService chat, ChatTurnEvents turnEvents) {
        this.chat = chat;
        this.turnEvents = turnEvents;
    }

    @Post
    @ApiResponse(responseCode = "201", description = "The new session; Location names it", useReturnTypeSchema = true)
    public HttpResponse<SessionView> create(@Body SessionCreateRequest request, Authentication auth) {
        SessionView session = chat.create(Actors.of(auth), request);
        return HttpResponse.<SessionView>status(HttpStatus.CREATED)
                .headers(h -> h.location(URI.create("/v1/sessions/" + session.id())))
                .body(session);
    }

    /** My sessions (an admin's list has everyone's), newest first, without their messages. */
    @Get
    public List<SessionView> list(Authentication auth) {
        return chat.list(Actors.of(auth));
    }

    /** A session with its whole conversation. */
    @Get("/{id}")
    public SessionView get(@PathVariable String id, Authentication auth) {
        return chat.get(Actors.of(auth), id);
    }

    /**
     * Sends a message. With {@code Accept: text/event-stream} the turn streams: {@code text} deltas,
     * {@code tool.call} and {@code tool.result} as functions run, then {@code turn.summary} (what the
     * runtime saw the turn do) and {@code turn.finished} (a {@link TurnView}), or {@code turn.failed}
     * ({@code code}, {@code detail}); otherwise the
     * response is the whole {@link TurnView} when the turn ends. Refusals (not found, busy, no model)
     * are problem responses either way, before anything is stored. A streaming client that
     * disconnects does not stop the turn; its messages are in {@code GET /v1/sessions/{id}}.
     */
    @Post(value = "/{id}/messages", produces = {MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM})
    @ApiResponse(responseCode = "200", description = "The turn (JSON), or its events (text/event-stream)",
            useReturnTypeSchema = true)
    public HttpResponse<TurnView> message(@PathVariable String id, @Body MessageCreateRequest request,
                                          @Nullable @Header(HttpHeaders.ACCEPT) String accept, Authentication auth) {
        ChatService.Begun begun = chat.begin(Actors.of(auth), id, request == null ? null : request.text());
        if (accept != null && accept.contains(MediaType.TEXT_EVENT_STREAM)) {
            Publisher<Event<JsonNode>> events = turnEvents.stream(begun);
            @SuppressWarnings({"unchecked", "rawtypes"})
            HttpResponse<TurnView> streaming = (HttpResponse) HttpResponse.ok(events)
                    .contentType(MediaType.TEXT_EVENT_STREAM_TYPE);
            return streaming;
        }
        return HttpResponse.ok(chat.run(begun, ChatService.TurnObserver.NONE));
    }
}
