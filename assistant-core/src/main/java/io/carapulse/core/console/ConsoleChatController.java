package io.carapulse.core.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.dto.ChatMessageView;
import io.carapulse.api.dto.SessionCreateRequest;
import io.carapulse.api.dto.SessionView;
import io.carapulse.api.error.CarapulseException;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.config.Environment;
import io.carapulse.config.EnvironmentCatalog;
import io.carapulse.core.chat.ChatService;
import io.carapulse.core.chat.ChatTurnEvents;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import java.util.Map;

/**
 * Chat in the console: my conversations, one conversation's transcript (tool calls with their one-line
 * results, proposed plans as cards linking to their plan page, where they are approved: never inside
 * the conversation), and sending a message. With the page's script the reply streams
 * ({@code Accept: text/event-stream}, the same events as the API); without it the form posts and the
 * page shows the finished turn.
 */
@Hidden
@Controller("/chat")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class ConsoleChatController {

    private final ConsolePages pages;
    private final ChatService chat;
    private final ChatTurnEvents turnEvents;
    private final EnvironmentCatalog environments;

    ConsoleChatController(ConsolePages pages, ChatService chat, ChatTurnEvents turnEvents,
                          EnvironmentCatalog environments) {
        this.pages = pages;
        this.chat = chat;
        this.turnEvents = turnEvents;
        this.environments = environments;
    }

    @Get(produces = MediaType.TEXT_HTML)
    MutableHttpResponse<?> list(HttpRequest<?> request) {
        return pages.signedIn(request, session -> listPage(session, HttpStatus.OK, null));
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    MutableHttpResponse<?> create(@Nullable @Body Map<String, String> body, HttpRequest<?> request) {
        Map<String, String> form = body == null ? Map.of() : body;
        return pages.signedIn(request, session -> {
            pages.refuseForged(session, form, request);
            try {
                String title = form.get("title");
                SessionView created = chat.create(session.actor(), new SessionCreateRequest(form.get("environment"),
                        title == null || title.isBlank() ? null : title));
                return ConsoleRequests.seeOther("/chat/" + created.id());
            } catch (ProblemException e) {
                if (e.problem() == ProblemCode.FORBIDDEN) {
                    throw e;
                }
                return listPage(session, HttpStatus.valueOf(e.problem().status()),
                        Map.of("code", e.problem().code(), "message", e.getMessage()));
            }
        });
    }

    @Get(value = "/{id}", produces = MediaType.TEXT_HTML)
    MutableHttpResponse<?> conversation(@PathVariable String id, HttpRequest<?> request) {
        return pages.signedIn(request, session -> conversationPage(session, id, HttpStatus.OK, null));
    }

    /**
     * A message. The page's script asks for {@code text/event-stream} and shows the turn as it runs;
     * a plain form post waits for the turn and comes back to the conversation. Refusals (busy, no
     * model, not yours) are shown on the conversation page, or as a problem response to the script.
     */
    @Post(value = "/{id}/messages", consumes = MediaType.APPLICATION_FORM_URLENCODED,
            produces = {MediaType.TEXT_HTML, MediaType.TEXT_EVENT_STREAM})
    MutableHttpResponse<?> message(@PathVariable String id, @Nullable @Body Map<String, String> body,
                                   HttpRequest<?> request) {
        Map<String, String> form = body == null ? Map.of() : body;
        boolean streaming = request.getHeaders().accept().stream()
                .anyMatch(t -> t.matches(MediaType.TEXT_EVENT_STREAM_TYPE));
        return pages.signedIn(request, session -> {
            pages.refuseForged(session, form, request);
            ChatService.Begun begun;
            try {
                begun = chat.begin(session.actor(), id, form.get("text"));
            } catch (ProblemException e) {
                if (streaming || e.problem() == ProblemCode.NOT_FOUND || e.problem() == ProblemCode.FORBIDDEN) {
                    throw e;
                }
                return conversationPage(session, id, HttpStatus.valueOf(e.problem().status()),
                        Map.of("code", e.problem().code(), "message", e.getMessage()));
            }
            if (streaming) {
                return HttpResponse.ok(turnEvents.stream(begun)).contentType(MediaType.TEXT_EVENT_STREAM_TYPE);
            }
            try {
                chat.run(begun, ChatService.TurnObserver.NONE);
            } catch (CarapulseException e) {
                return conversationPage(session, id, HttpStatus.OK, Map.of("code", e.code(), "message", e.getMessage()));
            }
            return ConsoleRequests.seeOther("/chat/" + id);
        });
    }

    private MutableHttpResponse<?> listPage(ConsoleSessions.Session session, HttpStatus status, Map<String, String> refusal) {
        Map<String, Object> model = ConsolePages.base(session);
        model.put("sessions", chat.list(session.actor()).stream().map(pages::map).toList());
        model.put("environments", environments.all().stream().map(Environment::name).toList());
        model.put("refusal", refusal);
        return pages.render(status, "console/chat-list", model);
    }

    private MutableHttpResponse<?> conversationPage(ConsoleSessions.Session session, String id, HttpStatus status,
                                                    Map<String, String> refusal) {
        SessionView view = chat.get(session.actor(), id);
        Map<String, Object> model = ConsolePages.base(session);
        Map<String, Object> shown = pages.map(view);
        List<ChatMessageView> messages = view.messages() == null ? List.of() : view.messages();
        shown.put("messages", messages.stream().map(m -> {
            Map<String, Object> row = pages.map(m);
            String ran = text(m.details(), "executionId");
            // a read ran at once (its plan is only the vehicle): link its execution, not a plan to decide
            row.put("executionId", ran);
            row.put("planId", ran == null ? text(m.details(), "planId") : null);
            return row;
        }).toList());
        model.put("chat", shown);
        model.put("refusal", refusal);
        return pages.render(status, "console/chat", model);
    }

    /** A field of a tool result's details (a read's {@code executionId}, propose_plan's {@code planId}), if any. */
    private static String text(JsonNode details, String field) {
        return details == null || !details.hasNonNull(field) ? null : details.get(field).asText();
    }
}
