package io.carapulse.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carapulse.api.auth.Role;
import io.carapulse.api.dto.ChatMessageView;
import io.carapulse.api.dto.PrunedView;
import io.carapulse.api.dto.SessionCreateRequest;
import io.carapulse.api.dto.SessionView;
import io.carapulse.api.dto.TurnView;
import io.carapulse.api.dto.UsageView;
import io.carapulse.api.error.CarapulseException;
import io.carapulse.api.error.ProblemCode;
import io.carapulse.api.error.ProblemException;
import io.carapulse.api.llm.LlmException;
import io.carapulse.api.llm.LlmMessage;
import io.carapulse.api.llm.LlmProvider;
import io.carapulse.api.llm.LlmReply;
import io.carapulse.api.llm.LlmToolCall;
import io.carapulse.api.llm.LlmUsage;
import io.carapulse.api.redact.Redactor;
import io.carapulse.config.Environment;
import io.carapulse.core.audit.AuditEntry;
import io.carapulse.core.observability.CarapulseMeters;
import io.carapulse.core.observability.TimedLlm;
import io.carapulse.core.audit.AuditService;
import io.carapulse.core.auth.Actor;
import io.carapulse.core.common.Ids;
import io.carapulse.core.common.Json;
import io.carapulse.core.plan.PlanValidator;
import io.carapulse.core.policy.PolicyService;
import io.carapulse.llm.agent.AgentBounds;
import io.carapulse.llm.agent.AgentListener;
import io.carapulse.llm.agent.AgentLoop;
import io.carapulse.llm.agent.FunctionResult;
import io.carapulse.llm.agent.TurnResult;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chat sessions: one person, one environment, a persisted conversation with the model. A turn
 * stores the user's message, every model reply and every function output as they happen, so a turn
 * that fails half-way keeps what it had done; one turn runs at a time per session.
 */
@Singleton
public class ChatService {

    static final int MAX_TEXT = 16_000;
    private static final int MAX_HISTORY = 200;
    private static final int MAX_LIST = 100;

    private final ChatStore store;
    private final ChatTools tools;
    private final ChatPrompt prompt;
    private final PlanValidator validator;
    private final PolicyService policy;
    private final AuditService audit;
    private final BeanProvider<LlmProvider> provider;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final AgentBounds bounds;
    private final CarapulseMeters meters;

    ChatService(ChatStore store, ChatTools tools, ChatPrompt prompt, PlanValidator validator, PolicyService policy,
                AuditService audit, BeanProvider<LlmProvider> provider, TransactionOperations<Connection> tx,
                Clock clock,
                @Value("${carapulse.chat.max-tool-calls:8}") int maxToolCalls,
                @Value("${carapulse.chat.max-output-chars:16000}") int maxOutputChars,
                @Value("${carapulse.chat.max-tokens:200000}") long maxTokens,
                @Value("${carapulse.chat.turn-timeout:3m}") Duration turnTimeout,
                @Value("${carapulse.chat.model-call-timeout:90s}") Duration modelCallTimeout,
                CarapulseMeters meters) {
        this.meters = meters;
        this.store = store;
        this.tools = tools;
        this.prompt = prompt;
        this.validator = validator;
        this.policy = policy;
        this.audit = audit;
        this.provider = provider;
        this.tx = tx;
        this.clock = clock;
        this.bounds = new AgentBounds(maxToolCalls, maxOutputChars, maxTokens, turnTimeout, modelCallTimeout);
    }

    /** Opens a session in an environment the actor may create plans in. */
    public SessionView create(Actor actor, SessionCreateRequest request) {
        if (request == null || request.environment() == null || request.environment().isBlank()) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED,
                    "environment is required: a session reads and proposes plans in one environment you choose");
        }
        Environment env = validator.environment(request.environment());
        policy.requireRequest(actor, env, false, "chat.session.create", null);
        String title = request.title() == null || request.title().isBlank() ? "" : request.title().strip();
        if (title.length() > 200) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "title is longer than 200 characters");
        }
        String id = Ids.session();
        ChatSession session = tx.executeWrite(s -> {
            ChatSession created = store.create(id, env.name(), actor.id(), actor.name(),
                    Redactor.patterns().redact(title));
            audit.record(AuditEntry.allow(actor, "chat.session.create", "session", id)
                    .with("environment", env.name()));
            return created;
        });
        return view(session, List.of());
    }

    /** The actor's sessions, newest first; an admin sees everyone's. */
    public List<SessionView> list(Actor actor) {
        policy.requireReader(actor, "chat.session.list", "session", null);
        return store.list(actor.has(Role.ADMIN) ? null : actor.id(), MAX_LIST).stream()
                .map(s -> view(s, null)).toList();
    }

    /** A session with its messages: its owner's, or any for an admin. */
    public SessionView get(Actor actor, String id) {
        ChatSession session = visible(actor, id);
        return view(session, store.messages(id).stream().map(ChatService::view).toList());
    }

    /** What a client watching a turn is told as it happens. */
    public interface TurnObserver {
        TurnObserver NONE = new TurnObserver() {
        };

        default void text(String delta) {
        }

        default void toolCall(String callId, String function, String arguments) {
        }

        default void toolResult(String callId, String function, FunctionResult result) {
        }
    }

    /**
     * Runs one turn: the owner's message, the model's calls, its answer.
     *
     * @throws ProblemException {@code session_busy} if a turn is running, {@code llm_*} if the model
     *                          cannot be reached (what the turn had stored stays stored, with a notice)
     */
    public TurnView turn(Actor actor, String sessionId, String text, TurnObserver observer) {
        return run(begin(actor, sessionId, text), observer);
    }

    /** A turn whose checks passed and which holds its session's turn slot; {@link #run} it. */
    public record Begun(Actor actor, ChatSession session, Environment env, LlmProvider model, String text,
                        String turnId) {
    }

    /**
     * Checks a turn can run and takes its session's slot; every refusal happens here, before
     * anything is stored, so a streaming client gets it as a plain problem response.
     */
    public Begun begin(Actor actor, String sessionId, String text) {
        ChatSession session = visible(actor, sessionId);
        if (!session.owner().equals(actor.id())) {
            throw policy.deny(actor, "chat.message", "session", sessionId, ProblemCode.FORBIDDEN,
                    "only the person who opened session " + sessionId + " can talk in it");
        }
        if (text == null || text.isBlank()) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "text is required");
        }
        if (text.length() > MAX_TEXT) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED,
                    "text is longer than " + MAX_TEXT + " characters");
        }
        Environment env = validator.environment(session.environment());
        policy.requireRequest(actor, env, false, "chat.message", sessionId);
        LlmProvider model = provider.find(null).orElse(null);
        if (model == null || !model.status().configured()) {
            throw new ProblemException(ProblemCode.LLM_NOT_CONFIGURED, model == null
                    ? "no language model is configured; see docs/llm.md"
                    : model.status().detail());
        }
        String turnId = Ids.turn();
        if (!store.beginTurn(sessionId, turnId, staleTurn())) {
            throw new ProblemException(ProblemCode.SESSION_BUSY,
                    "session " + sessionId + " is answering another message; wait for it to finish");
        }
        return new Begun(actor, session, env, model, text, turnId);
    }

    /** Runs a begun turn to its end and frees the session. */
    public TurnView run(Begun turn, TurnObserver observer) {
        try {
            return runTurn(turn.actor(), turn.session(), turn.env(), turn.model(), turn.text(), observer);
        } finally {
            store.endTurn(turn.session().id(), turn.turnId());
        }
    }

    private Duration staleTurn() {
        return bounds.wallClock().plus(bounds.wallClock());
    }

    private TurnView runTurn(Actor actor, ChatSession session, Environment env, LlmProvider model, String text,
                             TurnObserver observer) {
        List<LlmMessage> history = history(store.messages(session.id()));
        List<String> plans = new ArrayList<>();
        Persisting persisting = new Persisting(session.id(), observer);
        AgentLoop loop = new AgentLoop(new TimedLlm(model, meters), bounds, clock);
        TurnResult result;
        try {
            result = loop.run(session.id(), prompt.instructions(env), history, text,
                    tools.functions(actor, session, plans::add), persisting);
        } catch (LlmException.NotConfigured | LlmException.AuthExpired | LlmException.RequestRejected
                 | LlmException.Unavailable e) {
            CarapulseException ce = (CarapulseException) e;
            ProblemCode code = ProblemCode.fromCode(ce.code()).orElse(ProblemCode.LLM_UNAVAILABLE);
            String detail = Redactor.patterns().redact(ce.getMessage());
            store.append(session.id(), ChatMessage.NOTICE, "The turn stopped: " + detail, null, null, code.code(),
                    null, null, null);
            auditTurn(actor, session, "failed:" + code.code(), persisting.calls, plans, persisting.usage);
            throw new ProblemException(code, detail);
        }
        if (result.notice() != null) {
            persisting.stored.add(view(store.append(session.id(), ChatMessage.NOTICE, result.notice(), null, null,
                    result.ending().name().toLowerCase(Locale.ROOT), null, null, null)));
        }
        auditTurn(actor, session, result.ending().name().toLowerCase(Locale.ROOT), result.toolCalls(), plans,
                result.usage());
        return new TurnView(session.id(), result.ending().name().toLowerCase(Locale.ROOT), result.text(),
                result.notice(), List.copyOf(plans), result.toolCalls(),
                new UsageView(result.usage().inputTokens(), result.usage().outputTokens()), persisting.stored,
                persisting.ledger.summary());
    }

    private void auditTurn(Actor actor, ChatSession session, String ending, int calls, List<String> plans,
                           LlmUsage usage) {
        tx.executeWrite(s -> audit.record(AuditEntry.allow(actor, "chat.turn", "session", session.id())
                .with("environment", session.environment())
                .with("ending", ending)
                .with("toolCalls", calls)
                .with("plans", plans)
                .with("inputTokens", usage.inputTokens())
                .with("outputTokens", usage.outputTokens())));
    }

    /** Stores each message as the loop produces it and forwards the live parts to the observer. */
    private final class Persisting implements AgentListener {
        final String sessionId;
        final TurnObserver observer;
        final List<ChatMessageView> stored = new ArrayList<>();
        final Map<String, FunctionResult> results = new HashMap<>();
        final TurnLedger ledger = new TurnLedger();
        LlmUsage usage = LlmUsage.NONE;
        LlmUsage lastReply = LlmUsage.NONE;
        int calls;

        Persisting(String sessionId, TurnObserver observer) {
            this.sessionId = sessionId;
            this.observer = observer;
        }

        @Override
        public void onText(String delta) {
            observer.text(delta);
        }

        @Override
        public void onToolCall(String callId, String function, String arguments) {
            calls++;
            observer.toolCall(callId, function, Redactor.patterns().redact(arguments));
        }

        @Override
        public void onToolResult(String callId, String function, FunctionResult result) {
            results.put(callId, result);
            ledger.record(function, result);
            observer.toolResult(callId, function, result);
        }

        @Override
        public void onModelReply(LlmReply reply) {
            lastReply = reply.usage();
            usage = usage.plus(reply.usage());
            store.addUsage(sessionId, reply.usage().inputTokens(), reply.usage().outputTokens());
        }

        @Override
        public void onMessage(LlmMessage message) {
            ChatMessage m;
            if (message instanceof LlmMessage.User u) {
                m = store.append(sessionId, ChatMessage.USER, u.text(), null, null, null, null, null, null);
            } else if (message instanceof LlmMessage.Assistant a) {
                m = store.append(sessionId, ChatMessage.ASSISTANT, a.text(),
                        a.toolCalls().isEmpty() ? null : Json.write(redacted(a.toolCalls())), null, null, null,
                        lastReply.inputTokens(), lastReply.outputTokens());
            } else {
                LlmMessage.ToolOutput t = (LlmMessage.ToolOutput) message;
                FunctionResult r = results.get(t.callId());
                m = store.append(sessionId, ChatMessage.TOOL, t.output(), null, t.callId(),
                        r == null ? null : r.summary(),
                        r == null || r.details() == null ? null : Json.write(r.details()), null, null);
            }
            stored.add(view(m));
        }
    }

    /**
     * The model's calls as they are kept and shown: a secret in their arguments (which the plan
     * behind a {@code propose_plan} refuses) is masked, never stored (S4).
     */
    private static List<LlmToolCall> redacted(List<LlmToolCall> calls) {
        return calls.stream().map(c -> new LlmToolCall(c.id(), c.name(), Redactor.patterns().redact(c.arguments())))
                .toList();
    }

    private ChatSession visible(Actor actor, String id) {
        policy.requireReader(actor, "chat.session.read", "session", id);
        return store.find(id)
                .filter(s -> s.owner().equals(actor.id()) || actor.has(Role.ADMIN))
                .orElseThrow(() -> new ProblemException(ProblemCode.NOT_FOUND, "no session " + id));
    }

    /** The stored conversation as the model sees it: notices left out, the oldest dropped past a limit. */
    static List<LlmMessage> history(List<ChatMessage> messages) {
        List<LlmMessage> out = new ArrayList<>();
        for (ChatMessage m : messages) {
            switch (m.role()) {
                case ChatMessage.USER -> out.add(new LlmMessage.User(m.content()));
                case ChatMessage.ASSISTANT -> out.add(new LlmMessage.Assistant(m.content(), toolCalls(m.toolCallsJson())));
                case ChatMessage.TOOL -> out.add(new LlmMessage.ToolOutput(m.toolCallId(), m.content()));
                default -> {
                }
            }
        }
        int start = Math.max(0, out.size() - MAX_HISTORY);
        while (start > 0 && start < out.size() && !(out.get(start) instanceof LlmMessage.User)) {
            start++;
        }
        return out.subList(start, out.size());
    }

    private static List<LlmToolCall> toolCalls(String json) {
        if (json == null) {
            return List.of();
        }
        List<LlmToolCall> calls = new ArrayList<>();
        for (JsonNode n : Json.read(json)) {
            calls.add(new LlmToolCall(n.path("id").asText(), n.path("name").asText(), n.path("arguments").asText()));
        }
        return calls;
    }

    private SessionView view(ChatSession s, List<ChatMessageView> messages) {
        boolean busy = s.turnId() != null && s.turnStartedAt().isAfter(clock.instant().minus(staleTurn()));
        return new SessionView(s.id(), s.environment(), s.ownerName(), s.title(),
                new UsageView(s.inputTokens(), s.outputTokens()), busy, s.createdAt(), s.updatedAt(), messages,
                PrunedView.retention(s.messagesPrunedAt()));
    }

    static ChatMessageView view(ChatMessage m) {
        List<ChatMessageView.ToolCallView> calls = toolCalls(m.toolCallsJson()).stream()
                .map(c -> new ChatMessageView.ToolCallView(c.id(), c.name(), c.arguments())).toList();
        return new ChatMessageView(m.seq(), m.role(), m.content(), calls, m.toolCallId(), m.summary(),
                m.detailsJson() == null ? null : Json.read(m.detailsJson()), m.createdAt());
    }

}
